import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listFetcher, unwrap } from '../../api';
import {
  DataTable,
  Dialog,
  Form,
  listQueryKey,
  PageHeader,
  SelectField,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
  type Column,
} from '../../components';
import { complianceKeys, useFrameworks, type Assessment } from './api';
import { ProgressCounts } from './AssessmentProgress';
import './compliance.css';

/** Assessments: one per framework version and scope, with progress per status; the list and "New assessment". */
export default function AssessmentsPage() {
  const { can } = useAuth();
  const frameworks = useFrameworks();
  const [creating, setCreating] = useState(false);
  const frameworkName = (id: string) => {
    const f = frameworks.data?.find((x) => x.id === id);
    return f ? `${f.name} ${f.version}` : '…';
  };
  const columns: Column<Assessment>[] = [
    {
      id: 'name',
      header: 'Assessment',
      sortKey: 'name',
      alwaysVisible: true,
      cell: (a) => <Link to={`/compliance/assessments/${a.id}`}>{a.name}</Link>,
    },
    { id: 'framework', header: 'Framework', cell: (a) => frameworkName(a.frameworkId) },
    { id: 'scope', header: 'Scope', cell: (a) => a.scope || '—' },
    { id: 'status', header: 'Status', cell: (a) => (a.status === 'completed' ? 'Completed' : 'In progress') },
    { id: 'progress', header: 'Progress', cell: (a) => <ProgressCounts summary={a.summary} compact /> },
  ];
  return (
    <>
      <PageHeader
        title="Assessments"
        description="Each assessment rates every assessable requirement of one framework version for a scope, with observations and findings."
        actions={
          can('compliance:write') && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              New assessment
            </button>
          )
        }
      />
      <DataTable
        id="compliance-assessments"
        caption="Assessments"
        columns={columns}
        fetchPage={listFetcher('/api/v1/compliance/assessments')}
        rowKey={(a) => a.id}
        defaultSort="-updatedAt"
        emptyMessage="No assessments yet."
      />
      {creating && <NewAssessmentDialog onClose={() => setCreating(false)} />}
    </>
  );
}

function NewAssessmentDialog({ onClose }: { onClose: () => void }) {
  const frameworks = useFrameworks();
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const options = (frameworks.data ?? []).map((f) => ({
    value: f.id,
    label: `${f.name} ${f.version}${f.current ? '' : ' (superseded)'}`,
  }));
  const form = useForm({
    initialValues: { frameworkId: '', name: '', scope: '' },
    validate: (v): Record<string, string> => ({
      ...(v.frameworkId === '' ? { frameworkId: 'Choose the framework version to assess.' } : {}),
      ...(v.name.trim() === '' ? { name: 'Give the assessment a name.' } : {}),
    }),
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/compliance/assessments', {
          body: { frameworkId: v.frameworkId, name: v.name.trim(), scope: v.scope },
        }),
      );
      await client.invalidateQueries({ queryKey: listQueryKey('compliance-assessments') });
      await client.invalidateQueries({ queryKey: complianceKeys.all });
      toast.success(`Created ${created.name}`);
      onClose();
      await navigate({ to: `/compliance/assessments/${created.id}` });
    },
  });
  return (
    <Dialog open title="New assessment" onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <SelectField
          form={form}
          name="frameworkId"
          label="Framework version"
          options={options}
          placeholder="Choose…"
          required
        />
        <TextField form={form} name="name" label="Assessment name" required />
        <TextareaField
          form={form}
          name="scope"
          label="Scope"
          rows={2}
          hint="What is assessed: systems, sites, teams."
        />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Create assessment
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
