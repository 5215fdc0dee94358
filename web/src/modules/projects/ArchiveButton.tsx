import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api';
import { listQueryKey, useConfirm, useToast } from '../../components';
import { pKeys, type Project } from './queries';

/** Archive (read-only, history kept) or bring back a project; for its managers. */
export function ArchiveButton({ project: p }: { project: Project }) {
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () =>
      p.archived
        ? unwrap(
            api.POST('/api/v1/projects/projects/{id}/unarchive', {
              params: { path: { id: p.id } },
              body: { version: p.version },
            }),
          )
        : unwrap(
            api.POST('/api/v1/projects/projects/{id}/archive', {
              params: { path: { id: p.id } },
              body: { version: p.version },
            }),
          ),
    onSuccess: (saved) => {
      if (saved) queryClient.setQueryData(pKeys.project(p.id), saved);
      toast.success(p.archived ? 'Project restored.' : 'Project archived.');
    },
    onError: (e) => toast.error(e),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listQueryKey(pKeys.list) }),
  });
  return (
    <button
      type="button"
      className="btn"
      disabled={run.isPending}
      onClick={async () => {
        if (
          p.archived ||
          (await confirm({
            title: `Archive ${p.code}?`,
            message: 'It becomes read-only and leaves the project list; its history is kept.',
            confirmLabel: 'Archive',
          }))
        )
          run.mutate();
      }}
    >
      {p.archived ? 'Unarchive' : 'Archive'}
    </button>
  );
}
