import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import { Dialog, Form, SelectField, SubmitButton, TextField, useForm } from '../../../components';
import { pKeys } from '../queries';

const schema = z.object({ title: z.string().trim().min(1, 'Required.'), type: z.string() });

/** "New task": a title and type; the new task opens for the rest. */
export function NewTaskButton({ projectId, onCreated }: { projectId: string; onCreated: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { title: '', type: 'task' },
    schema,
    onSubmit: async (v) => {
      const t = await unwrap(
        api.POST('/api/v1/projects/tasks', {
          body: {
            projectId,
            title: v.title,
            type: v.type as 'task' | 'milestone' | 'phase',
            description: '',
            priority: 'medium',
            labels: [],
            checklist: [],
            assigneeIds: [],
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: pKeys.board(projectId) });
      await queryClient.invalidateQueries({ queryKey: pKeys.gantt(projectId) });
      form.reset({ title: '', type: 'task' });
      setOpen(false);
      onCreated(t.id);
    },
  });
  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
        New task
      </button>
      <Dialog open={open} title="New task" onClose={() => setOpen(false)}>
        <Form form={form}>
          <TextField form={form} name="title" label="Title" required />
          <SelectField
            form={form}
            name="type"
            label="Type"
            options={[
              { value: 'task', label: 'Task' },
              { value: 'milestone', label: 'Milestone' },
              { value: 'phase', label: 'Phase' },
            ]}
          />
          <div className="form-actions">
            <SubmitButton form={form}>Create task</SubmitButton>
          </div>
        </Form>
      </Dialog>
    </>
  );
}
