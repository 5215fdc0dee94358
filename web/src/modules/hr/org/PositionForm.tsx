import { z } from 'zod';
import { api, unwrap } from '../../../api';
import { Form, FormErrorBanner, SelectField, TextField, useForm, useToast } from '../../../components';
import type { Position } from '../queries';
import { codeRule, useConfirmedDelete, useOrgSaved } from './orgDialogs';

const positionSchema = z.object({
  title: z.string().trim().min(1, 'Required.').max(200),
  code: codeRule,
  departmentId: z.string(),
});

/** A new position (`position` null) or an existing one: save or delete. */
export function PositionForm({
  position,
  options,
  onClose,
}: {
  position: Position | null;
  options: { value: string; label: string }[];
  onClose: () => void;
}) {
  const toast = useToast();
  const saved = useOrgSaved();
  const form = useForm({
    initialValues: {
      title: position?.title ?? '',
      code: position?.code ?? '',
      departmentId: position?.departmentId ?? '',
    },
    schema: positionSchema,
    onSubmit: async (v) => {
      const body = { title: v.title, code: v.code || null, departmentId: v.departmentId || null };
      if (position)
        await unwrap(
          api.PATCH('/api/v1/hr/positions/{id}', {
            params: { path: { id: position.id } },
            body: { ...body, version: position.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/hr/positions', { body }));
      await saved();
      toast.success('Position saved.');
      onClose();
    },
  });
  const remove = useConfirmedDelete(
    position && {
      title: `Delete ${position.title}?`,
      message: 'Only a position nobody holds can be deleted.',
      remove: () =>
        unwrap(
          api.DELETE('/api/v1/hr/positions/{id}', {
            params: { path: { id: position.id }, query: { version: position.version } },
          }),
        ),
      deleted: 'Position deleted.',
      after: onClose,
    },
  );
  return (
    <Form form={form} onReload={onClose}>
      <FormErrorBanner error={remove.error} />
      <TextField form={form} name="title" label="Title" required />
      <TextField form={form} name="code" label="Code" />
      <SelectField form={form} name="departmentId" label="Department" placeholder="— Any —" options={options} />
      <div className="dialog-footer">
        {position && (
          <button type="button" className="btn btn-danger" onClick={() => void remove.run()}>
            Delete
          </button>
        )}
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {form.submitting ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Form>
  );
}
