import { useNavigate } from '@tanstack/react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import { Form, PageHeader, SubmitButton, TextField, useForm, useToast } from '../../components';
import { projectBody, projectSchema } from './projectForm';
import { ProjectFields } from './ProjectFields';

const schema = projectSchema.extend({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{1,11}$/, 'A code is 2–12 letters and digits, starting with a letter (e.g. WEB2).'),
});

/** A new project (you become its manager). */
export default function NewProjectPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const form = useForm({
    initialValues: {
      code: '',
      name: '',
      description: '',
      status: 'active',
      billingMethod: 'non_billable',
      clientPartyId: '',
      startDate: '',
      endDate: '',
      budgetHours: '',
      budgetAmount: '',
      defaultBillingRate: '',
      tags: '',
    },
    schema,
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/projects/projects', {
          body: { ...projectBody(v), code: v.code.trim().toUpperCase(), members: [] },
        }),
      );
      toast.success(`Project ${created.code} created.`);
      await navigate({ to: `/projects/${created.id}` });
    },
  });
  return (
    <>
      <PageHeader title="New project" />
      <Form form={form}>
        <TextField form={form} name="code" label="Code" required hint="e.g. WEB2: task keys become WEB2-1, WEB2-2…" />
        <ProjectFields form={form} />
        <div className="form-actions">
          <SubmitButton form={form}>Create project</SubmitButton>
        </div>
      </Form>
    </>
  );
}
