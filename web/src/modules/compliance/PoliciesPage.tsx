import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listFetcher, unwrap } from '../../api';
import {
  DataTable,
  Dialog,
  Form,
  formatDate,
  listQueryKey,
  PageHeader,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
  type Column,
} from '../../components';
import { complianceKeys, type Policy } from './api';
import './compliance.css';

const columns: Column<Policy>[] = [
  {
    id: 'title',
    header: 'Policy',
    sortKey: 'title',
    alwaysVisible: true,
    cell: (p) => <Link to={`/compliance/policies/${p.id}`}>{p.title}</Link>,
  },
  { id: 'version', header: 'Version', align: 'right', cell: (p) => p.currentVersion },
  { id: 'published', header: 'Published', cell: (p) => formatDate(p.current.publishedAt) },
  { id: 'acknowledgements', header: 'Acknowledgements', align: 'right', cell: (p) => p.acknowledgements },
  {
    id: 'mine',
    header: 'You',
    cell: (p) =>
      p.acknowledgedByMe ? (
        <span className="badge health-green">Acknowledged</span>
      ) : (
        <span className="badge health-amber">To acknowledge</span>
      ),
  },
];

/** Policies every employee reads and acknowledges; `compliance:write` publishes them. */
export default function PoliciesPage() {
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Policies"
        description="Versioned policies. Read the current version of each and acknowledge it; a new version needs a new acknowledgement."
        actions={
          can('compliance:write') && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              New policy
            </button>
          )
        }
      />
      <DataTable
        id="compliance-policies"
        caption="Policies"
        columns={columns}
        fetchPage={listFetcher('/api/v1/compliance/policies')}
        rowKey={(p) => p.id}
        defaultSort="title"
        filters={[
          { name: 'q', label: 'Search', type: 'search', placeholder: 'Policy title' },
          {
            name: 'pending',
            label: 'Acknowledged by you',
            type: 'select',
            options: [
              { value: 'true', label: 'Not yet' },
              { value: 'false', label: 'Yes' },
            ],
          },
        ]}
        emptyMessage="No policies yet."
      />
      {creating && <NewPolicyDialog onClose={() => setCreating(false)} />}
    </>
  );
}

function NewPolicyDialog({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const form = useForm({
    initialValues: { title: '', body: '', notes: '' },
    validate: (v): Record<string, string> => ({
      ...(v.title.trim() === '' ? { title: 'Give the policy a title.' } : {}),
      ...(v.body.trim() === '' ? { body: 'Write the policy’s text.' } : {}),
    }),
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/compliance/policies', { body: { title: v.title.trim(), body: v.body, notes: v.notes } }),
      );
      await client.invalidateQueries({ queryKey: listQueryKey('compliance-policies') });
      await client.invalidateQueries({ queryKey: complianceKeys.policies });
      toast.success(`Published ${created.title}`);
      onClose();
      await navigate({ to: `/compliance/policies/${created.id}` });
    },
  });
  return (
    <Dialog open title="New policy" onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <TextField form={form} name="title" label="Policy title" required />
        <TextareaField
          form={form}
          name="body"
          label="Policy text"
          rows={10}
          required
          hint="Markdown: # headings, - lists, **bold**, *italic*, [links](https://…)."
        />
        <TextareaField form={form} name="notes" label="Publication notes" rows={2} />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Publish version 1
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
