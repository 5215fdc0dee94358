import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { PageHeader, QueryState, useAuth } from '../../../components';
import { pKeys, useProject, type BoardCard } from '../queries';
import { BoardColumns } from './BoardColumns';
import { moveErrorMessage } from './moveError';
import { NewTaskButton } from './NewTaskButton';
import { TaskDialog } from './TaskDialog';
import '../projects.css';

export interface MoveRequest {
  card: BoardCard;
  toStatusId: string;
  afterTaskId: string | null;
}

/**
 * A project's kanban board: a column per workflow status. Drag a card (native drag-and-drop) or use
 * its Move menu; a move the dependencies refuse (409 task-blocked) names the blockers and the card stays.
 */
export default function BoardPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = useAuth();
  const project = useProject(id);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [openTask, setOpenTask] = useState<string | null>(null);
  const board = useQuery({
    queryKey: pKeys.board(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/projects/{id}/board', { params: { path: { id }, query: { limit: 200 } } })),
  });
  const writable = can('projects:write') && project.data?.myRole !== 'viewer' && !project.data?.archived;
  const columnName = (statusId: string) => board.data?.columns.find((c) => c.statusId === statusId)?.name ?? 'there';
  const move = useMutation({
    mutationFn: (m: MoveRequest) =>
      unwrap(
        api.POST('/api/v1/projects/tasks/{id}/move', {
          params: { path: { id: m.card.id } },
          body: { version: m.card.version, statusId: m.toStatusId, afterTaskId: m.afterTaskId },
        }),
      ),
    onMutate: () => setMessage(null),
    onSuccess: (_t, m) => setMessage({ error: false, text: `${m.card.key} moved to ${columnName(m.toStatusId)}.` }),
    onError: (e, m) => setMessage({ error: true, text: moveErrorMessage(e, m.card.key, columnName(m.toStatusId)) }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: pKeys.board(id) });
      await queryClient.invalidateQueries({ queryKey: pKeys.progress(id) });
    },
  });

  return (
    <>
      <PageHeader
        title={project.data ? `${project.data.code} board` : 'Board'}
        description="Drag cards between statuses, or use a card’s Move menu."
        actions={
          <>
            <Link to={`/projects/${id}`}>Project</Link>
            <Link to={`/projects/${id}/gantt`}>Gantt</Link>
            {writable && <NewTaskButton projectId={id} onCreated={setOpenTask} />}
          </>
        }
      />
      {message && (
        <p
          className={`banner ${message.error ? 'banner-error' : 'banner-info'}`}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <QueryState query={board} height="16em">
        {(b) => (
          <BoardColumns
            board={b}
            writable={writable}
            busy={move.isPending || board.isFetching}
            onMove={(m) => move.mutate(m)}
            onOpen={setOpenTask}
          />
        )}
      </QueryState>
      {openTask && <TaskDialog taskId={openTask} projectId={id} onClose={() => setOpenTask(null)} />}
    </>
  );
}
