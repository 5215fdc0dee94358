import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, listFetcher, unwrap, type Schema } from '../../api';
import { Combobox, type ComboboxOption } from '../../components/Combobox';
import {
  DataTable,
  Dialog,
  Form,
  formatDateTime,
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
import './compliance.css';

type PrivacyRequest = Schema<'CompliancePrivacyRequest'>;
type SubjectType = 'crm.contact' | 'hr.employee';
type Kind = 'export' | 'erasure';

const SUBJECT_LABELS: Record<SubjectType, string> = { 'crm.contact': 'CRM contact', 'hr.employee': 'HR employee' };
const KIND_LABELS: Record<Kind, string> = { export: 'Export', erasure: 'Erasure' };
const STATUS_LABELS: Record<PrivacyRequest['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
};
const LIST_ID = 'compliance-privacy-requests';

/** Contacts (CRM) or employees (HR) matching `q`, as combobox options (the caller's own visibility applies). */
async function searchSubjects(type: SubjectType, q: string, signal: AbortSignal) {
  if (type === 'crm.contact') {
    const page = await unwrap(
      api.GET('/api/v1/crm/contacts', { params: { query: { limit: 10, ...(q ? { q } : {}) } }, signal }),
    );
    return {
      options: page.items.map((c): ComboboxOption => ({
        value: c.id,
        label: `${c.firstName} ${c.lastName}`,
        detail: c.emails.join(', ') || undefined,
      })),
      more: page.nextCursor !== null,
    };
  }
  const page = await unwrap(
    api.GET('/api/v1/hr/employees', { params: { query: { limit: 10, ...(q ? { q } : {}) } }, signal }),
  );
  return {
    options: page.items.map((e): ComboboxOption => ({
      value: e.id,
      label: `${e.firstName} ${e.lastName}`,
      detail: [e.employeeNumber, e.workEmail].filter(Boolean).join(' · ') || undefined,
    })),
    more: page.nextCursor !== null,
  };
}

function summaryText(r: PrivacyRequest): string {
  if (r.status === 'failed') return r.error ?? 'Failed';
  if (!r.summary) return '—';
  if (!r.summary.subjectFound) return 'No such person';
  const kept = r.summary.retained.reduce((n, x) => n + x.count, 0);
  return r.kind === 'export'
    ? `${r.summary.records} records exported`
    : `${r.summary.records} records anonymized, ${kept} retained`;
}

/** Privacy requests (GDPR): exports of what MOMS holds about a person, and erasures, with their reports. */
export default function PrivacyRequestsPage() {
  const { can } = useAuth();
  const client = useQueryClient();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const reload = () => client.invalidateQueries({ queryKey: listQueryKey(LIST_ID) });
  const download = async (r: PrivacyRequest) => {
    try {
      const link = await unwrap(
        api.GET('/api/v1/compliance/privacy-requests/{id}/download', { params: { path: { id: r.id } } }),
      );
      window.location.assign(link.url);
    } catch (e) {
      toast.error(e);
    }
  };
  const columns: Column<PrivacyRequest>[] = [
    {
      id: 'createdAt',
      header: 'Requested',
      sortKey: 'createdAt',
      alwaysVisible: true,
      cell: (r) => formatDateTime(r.createdAt),
    },
    { id: 'kind', header: 'Kind', cell: (r) => KIND_LABELS[r.kind] },
    {
      id: 'subject',
      header: 'Subject',
      cell: (r) => (
        <>
          {SUBJECT_LABELS[r.subject.type as SubjectType] ?? r.subject.type} <code>{r.subject.id}</code>
        </>
      ),
    },
    { id: 'reason', header: 'Reason', cell: (r) => r.reason },
    { id: 'status', header: 'Status', cell: (r) => STATUS_LABELS[r.status] },
    { id: 'summary', header: 'Report', cell: (r) => summaryText(r) },
    ...(can('compliance:write')
      ? [
          {
            id: 'download',
            header: 'Download',
            cell: (r: PrivacyRequest) =>
              r.file ? (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void download(r)}
                  aria-label={`Download the ${r.kind === 'export' ? 'export' : 'erasure report'} of request ${r.id}`}
                >
                  Download
                </button>
              ) : (
                '—'
              ),
          } satisfies Column<PrivacyRequest>,
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="Privacy requests"
        description="Data-subject requests: an export of everything MOMS holds about a contact or an employee, or its erasure (what the law requires to be kept stays, with the reason in the report)."
        actions={
          <>
            <button type="button" className="btn" onClick={() => void reload()}>
              Refresh list
            </button>
            {can('compliance:write') && (
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                New privacy request
              </button>
            )}
          </>
        }
      />
      <DataTable
        id={LIST_ID}
        caption="Privacy requests"
        columns={columns}
        fetchPage={listFetcher('/api/v1/compliance/privacy-requests')}
        rowKey={(r) => r.id}
        defaultSort="-createdAt"
        filters={[
          {
            name: 'kind',
            label: 'Request kind',
            type: 'select',
            options: (Object.keys(KIND_LABELS) as Kind[]).map((value) => ({ value, label: KIND_LABELS[value] })),
          },
        ]}
        emptyMessage="No privacy requests yet."
      />
      {creating && <NewRequestDialog onClose={() => setCreating(false)} onCreated={reload} />}
    </>
  );
}

function NewRequestDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => Promise<void> }) {
  const { can } = useAuth();
  const toast = useToast();
  const canErase = can('compliance:admin');
  const form = useForm({
    initialValues: {
      kind: 'export' as string,
      subjectType: 'crm.contact' as string,
      subjectId: '',
      reason: '',
      confirm: '',
    },
    validate: (v): Record<string, string> => {
      const errors: Record<string, string> = {};
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v.subjectId.trim()))
        errors.subjectId = 'Choose the person, or paste their id.';
      if (v.reason.trim() === '') errors.reason = 'Say why (e.g. the request’s date and ticket).';
      if (v.kind === 'erasure' && v.confirm !== 'ERASE') errors.confirm = 'Type ERASE: the erasure cannot be undone.';
      return errors;
    },
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/compliance/privacy-requests', {
          body: {
            kind: v.kind as Kind,
            subject: { type: v.subjectType as SubjectType, id: v.subjectId.trim() },
            reason: v.reason.trim(),
            ...(v.kind === 'erasure' ? { confirm: v.confirm } : {}),
          },
        }),
      );
      await onCreated();
      toast.success(`${KIND_LABELS[created.kind]} requested: it runs in the background`);
      onClose();
    },
  });
  const type = form.values.subjectType as SubjectType;
  return (
    <Dialog open title="New privacy request" onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <SelectField
          form={form}
          name="kind"
          label="Request kind"
          options={[
            { value: 'export', label: 'Export (everything MOMS holds about the person)' },
            ...(canErase ? [{ value: 'erasure', label: 'Erasure (anonymize what may be removed)' }] : []),
          ]}
        />
        <SelectField
          form={form}
          name="subjectType"
          label="Subject type"
          options={(Object.keys(SUBJECT_LABELS) as SubjectType[]).map((value) => ({
            value,
            label: SUBJECT_LABELS[value],
          }))}
        />
        <Combobox
          key={type}
          label={type === 'crm.contact' ? 'Find the contact' : 'Find the employee'}
          value={form.values.subjectId}
          onChange={(value) => form.setValue('subjectId', value)}
          search={(q, signal) => searchSubjects(type, q, signal)}
          queryKey={['compliance', 'privacy-subjects', type]}
          noMatch="Nobody matches"
        />
        <TextField
          form={form}
          name="subjectId"
          label="Subject id"
          required
          hint="Filled in by the search, or paste an id"
        />
        <TextareaField form={form} name="reason" label="Reason for the request" rows={2} required />
        {form.values.kind === 'erasure' && (
          <TextField
            form={form}
            name="confirm"
            label="Type ERASE to confirm"
            required
            hint="The erasure cannot be undone. Posted accounting and payroll records are kept, as the law requires."
          />
        )}
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Submit privacy request
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
