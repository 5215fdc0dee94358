import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import {
  AttachmentsPanel,
  DateField,
  Dialog,
  EmptyState,
  Form,
  QueryState,
  SelectField,
  TextareaField,
  TextField,
  formatDate,
  listQueryKey,
  useAuth,
  useConfirm,
  useForm,
  useToast,
} from '../../components';
import { complianceKeys, useUsers, type Evidence } from './api';
import { OwnerName } from './ui';

const KIND_LABELS: Record<Evidence['kind'], string> = { link: 'Link', note: 'Note', file: 'Files' };
const KIND_OPTIONS = (Object.keys(KIND_LABELS) as Evidence['kind'][]).map((value) => ({
  value,
  label: KIND_LABELS[value],
}));

/** A control's evidence in context: links, notes and files, each with an owner and an expiry. */
export function EvidencePanel({ controlId, controlName }: { controlId: string; controlName: string }) {
  const { can } = useAuth();
  const canWrite = can('compliance:write');
  const names = useUsers();
  const client = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [editing, setEditing] = useState<Evidence | 'new' | null>(null);
  const evidence = useQuery({
    queryKey: complianceKeys.evidence(controlId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/evidence', { params: { query: { controlId, limit: 200 } }, signal })),
  });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: complianceKeys.control(controlId) });
    await client.invalidateQueries({ queryKey: listQueryKey('compliance-controls') });
  };
  const remove = async (e: Evidence) => {
    const ok = await confirm({
      title: `Remove ${e.title}?`,
      message: 'The evidence is deleted (the audit log keeps the record of it). Files must be removed first.',
      confirmLabel: 'Remove evidence',
    });
    if (!ok) return;
    try {
      await unwrap(
        api.DELETE('/api/v1/compliance/evidence/{id}', {
          params: { path: { id: e.id }, query: { version: e.version } },
        }),
      );
      toast.success(`Removed ${e.title}`);
      await refresh();
    } catch (error) {
      toast.error(error);
    }
  };
  return (
    <section className="compliance-section" aria-labelledby="control-evidence">
      <h2 id="control-evidence">Evidence</h2>
      {canWrite && (
        <p>
          <button type="button" className="btn" onClick={() => setEditing('new')}>
            Add evidence
          </button>
        </p>
      )}
      <QueryState query={evidence} height="6em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No evidence yet" />
          ) : (
            <>
              <div className="card table-scroll">
                <table>
                  <caption className="visually-hidden">Evidence of {controlName}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Evidence</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Owner</th>
                      <th scope="col">Expires</th>
                      {canWrite && (
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((e) => (
                      <tr key={e.id}>
                        <td>
                          {e.url ? (
                            <a href={e.url} rel="noreferrer noopener" target="_blank">
                              {e.title}
                            </a>
                          ) : (
                            e.title
                          )}
                          {e.note && <div className="muted evidence-note">{e.note}</div>}
                        </td>
                        <td>{KIND_LABELS[e.kind]}</td>
                        <td>
                          <OwnerName id={e.ownerId} names={names} />
                        </td>
                        <td>
                          {e.expiresOn ? formatDate(e.expiresOn) : '—'}
                          {e.expired && <span className="badge health-red"> Expired</span>}
                        </td>
                        {canWrite && (
                          <td className="row-actions">
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={() => setEditing(e)}
                              aria-label={`Edit evidence ${e.title}`}
                            >
                              Edit
                            </button>{' '}
                            <button
                              type="button"
                              className="btn btn-small btn-danger"
                              onClick={() => void remove(e)}
                              aria-label={`Remove evidence ${e.title}`}
                            >
                              Remove
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {items
                .filter((e) => e.kind === 'file')
                .map((e) => (
                  <section key={e.id} className="card compliance-section" aria-label={`Files of ${e.title}`}>
                    <h3>Files: {e.title}</h3>
                    <AttachmentsPanel recordType="compliance.evidence" recordId={e.id} canWrite={canWrite} />
                  </section>
                ))}
            </>
          )
        }
      </QueryState>
      {editing && (
        <EvidenceDialog
          controlId={controlId}
          evidence={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </section>
  );
}

type EvidenceValues = {
  kind: string;
  title: string;
  url: string;
  note: string;
  ownerId: string;
  expiresOn: string;
};

function EvidenceDialog({
  controlId,
  evidence,
  onClose,
  onSaved,
}: {
  controlId: string;
  evidence?: Evidence | undefined;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { user } = useAuth();
  const names = useUsers();
  const client = useQueryClient();
  const toast = useToast();
  const form = useForm<EvidenceValues>({
    initialValues: {
      kind: evidence?.kind ?? 'link',
      title: evidence?.title ?? '',
      url: evidence?.url ?? '',
      note: evidence?.note ?? '',
      ownerId: evidence?.ownerId ?? user.id,
      expiresOn: evidence?.expiresOn ?? '',
    },
    validate: (v): Record<string, string> => ({
      ...(v.title.trim() === '' ? { title: 'Give the evidence a title.' } : {}),
      ...(v.kind === 'link' && v.url.trim() === '' ? { url: 'A link needs its address.' } : {}),
    }),
    onSubmit: async (v) => {
      const common = {
        title: v.title.trim(),
        note: v.note,
        ownerId: v.ownerId,
        expiresOn: v.expiresOn === '' ? null : v.expiresOn,
        ...(v.kind === 'link' || (evidence && v.url.trim() !== '') ? { url: v.url.trim() } : {}),
      };
      if (evidence)
        await unwrap(
          api.PATCH('/api/v1/compliance/evidence/{id}', {
            params: { path: { id: evidence.id } },
            body: { ...common, version: evidence.version },
          }),
        );
      else
        await unwrap(
          api.POST('/api/v1/compliance/evidence', {
            body: { ...common, controlId, kind: v.kind as Evidence['kind'] },
          }),
        );
      await client.invalidateQueries({ queryKey: complianceKeys.evidence(controlId) });
      await onSaved();
      toast.success(evidence ? `Saved ${common.title}` : `Added ${common.title}`);
      onClose();
    },
  });
  const owners = [...names].map(([value, label]) => ({ value, label }));
  return (
    <Dialog open title={evidence ? `Edit ${evidence.title}` : 'New evidence'} onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        {!evidence && (
          <SelectField
            form={form}
            name="kind"
            label="Kind"
            options={KIND_OPTIONS}
            hint={form.values.kind === 'file' ? 'Attach the files on the control’s page once it is added.' : undefined}
          />
        )}
        <TextField form={form} name="title" label="Title" required />
        {(form.values.kind === 'link' || (evidence?.kind ?? form.values.kind) === 'link') && (
          <TextField form={form} name="url" label="Address" type="url" required />
        )}
        <TextareaField form={form} name="note" label="Note" rows={3} />
        <SelectField form={form} name="ownerId" label="Evidence owner" options={owners} />
        <DateField form={form} name="expiresOn" label="Expires on" hint="Empty: never expires." />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Save evidence
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
