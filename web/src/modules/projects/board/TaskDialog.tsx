import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  AttachmentsPanel,
  CheckboxGroupField,
  DateField,
  DecimalField,
  Dialog,
  Form,
  QueryState,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { pKeys, useMembers, type Task } from '../queries';
import { moveErrorMessage } from './moveError';
import { TaskActivity, TaskChecklist, TaskComments, TaskDependencies } from './TaskExtras';

const schema = z.object({
  title: z.string().trim().min(1, 'Required.'),
  description: z.string(),
  statusId: z.string(),
  priority: z.string(),
  startDate: z.string(),
  dueDate: z.string(),
  estimateHours: z.string().regex(/^(\d+(\.\d{1,2})?)?$/, 'A number like 4.5'),
  assigneeIds: z.array(z.string()),
});

/** A task in a dialog: its fields, checklist, dependencies, attachments, comments and activity. */
export function TaskDialog({ taskId, projectId, onClose }: { taskId: string; projectId: string; onClose: () => void }) {
  const { can } = useAuth();
  const task = useQuery({
    queryKey: pKeys.task(taskId),
    queryFn: () => unwrap(api.GET('/api/v1/projects/tasks/{id}', { params: { path: { id: taskId } } })),
  });
  return (
    <Dialog open title={task.data ? `${task.data.key} ${task.data.title}` : 'Task'} onClose={onClose}>
      <QueryState query={task} height="12em">
        {(t) => (
          <>
            <TaskForm key={t.version} task={t} projectId={projectId} onReload={() => void task.refetch()} />
            <TaskChecklist task={t} projectId={projectId} />
            <TaskDependencies task={t} projectId={projectId} />
            <AttachmentsPanel recordType="projects.task" recordId={t.id} canWrite={can('projects:write')} />
            <TaskComments taskId={t.id} />
            <TaskActivity taskId={t.id} />
          </>
        )}
      </QueryState>
    </Dialog>
  );
}

function TaskForm({ task: t, projectId, onReload }: { task: Task; projectId: string; onReload: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const members = useMembers(projectId);
  const statuses = useQuery({
    queryKey: ['projects', 'statuses', projectId],
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects/{id}/statuses', { params: { path: { id: projectId } } })),
  });
  const form = useForm({
    initialValues: {
      title: t.title,
      description: t.description,
      statusId: t.statusId,
      priority: t.priority as string,
      startDate: t.startDate ?? '',
      dueDate: t.dueDate ?? '',
      estimateHours: t.estimateHours ?? '',
      assigneeIds: t.assigneeIds,
    },
    schema,
    onSubmit: async (v) => {
      try {
        const saved = await unwrap(
          api.PATCH('/api/v1/projects/tasks/{id}', {
            params: { path: { id: t.id } },
            body: {
              version: t.version,
              title: v.title,
              description: v.description,
              ...(v.statusId !== t.statusId ? { statusId: v.statusId } : {}),
              priority: v.priority as Task['priority'],
              startDate: v.startDate || null,
              dueDate: v.dueDate || null,
              estimateHours: v.estimateHours || null,
              assigneeIds: v.assigneeIds,
            },
          }),
        );
        queryClient.setQueryData(pKeys.task(t.id), saved);
        toast.success('Saved.');
      } catch (e) {
        const status = statuses.data?.items.find((s) => s.id === v.statusId)?.name ?? 'that status';
        if (e instanceof Error && 'code' in e && e.code === 'task-blocked')
          throw new Error(moveErrorMessage(e, t.key, status), { cause: e });
        throw e;
      } finally {
        await queryClient.invalidateQueries({ queryKey: pKeys.board(projectId) });
        await queryClient.invalidateQueries({ queryKey: pKeys.gantt(projectId) });
      }
    },
  });
  return (
    <Form form={form} onReload={onReload}>
      <TextField form={form} name="title" label="Title" required />
      <div className="grid-2">
        <SelectField
          form={form}
          name="statusId"
          label="Status"
          options={(statuses.data?.items ?? [{ id: t.statusId, name: t.statusName }]).map((s) => ({
            value: s.id,
            label: s.name,
          }))}
        />
        <SelectField
          form={form}
          name="priority"
          label="Priority"
          options={['low', 'medium', 'high', 'urgent'].map((p) => ({ value: p, label: p }))}
        />
        <DateField form={form} name="startDate" label="Start" />
        <DateField form={form} name="dueDate" label="Due" />
        <DecimalField form={form} name="estimateHours" label="Estimate (hours)" />
      </div>
      <CheckboxGroupField
        form={form}
        name="assigneeIds"
        label="Assignees"
        options={(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name ?? m.userId }))}
      />
      <TextareaField form={form} name="description" label="Description" />
      {t.progress && (
        <p className="muted">
          Subtasks: {t.progress.done} of {t.progress.total} done ({t.progress.percent ?? 0}%)
        </p>
      )}
      <div className="form-actions">
        <SubmitButton form={form}>Save task</SubmitButton>
      </div>
    </Form>
  );
}
