import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  AttachmentsPanel,
  DateText,
  FormErrorBanner,
  listQueryKey,
  Money,
  PageHeader,
  QueryState,
  useAuth,
  useConfirm,
  useToast,
} from '../../../components';
import { isZero } from '../decimal';
import { financeKeys, KINDS, StatusBadge, type DocumentKind, type FinanceDocument } from '../queries';
import { DocumentPrinting } from '../printing/DocumentPrinting';
import { InstalmentSchedule } from '../terms/InstalmentSchedule';
import { RefundButton } from '../refunds/RefundDialog';
import { ApplyCredit } from './ApplyCredit';
import { DocumentAllocations } from './DocumentAllocations';
import { DocumentForm } from './DocumentForm';
import { DocumentLines } from './DocumentLines';
import { DocumentTotals } from './DocumentTotals';
import { useDocumentKind } from './kind';
import NotFoundKind from './NotFoundKind';
import '../finance.css';

export default function DocumentPage() {
  const kind = useDocumentKind();
  const { id } = useParams({ strict: false }) as { id: string };
  const path = `/api/v1/finance/${kind ? KINDS[kind].path : 'invoices'}/{id}` as '/api/v1/finance/invoices/{id}';
  const doc = useQuery({
    queryKey: financeKeys.document(kind ?? 'invoice', id),
    queryFn: () => unwrap(api.GET(path, { params: { path: { id } } })),
    enabled: kind !== null,
  });
  if (!kind) return <NotFoundKind />;
  return (
    <QueryState query={doc} height="16em">
      {(d) => <DocumentView key={d.version} kind={kind} doc={d} reload={() => void doc.refetch()} />}
    </QueryState>
  );
}

/** An invoice, bill or credit: edit and issue a draft; an issued one shows its lines, payments and credits. */
function DocumentView({ kind, doc, reload }: { kind: DocumentKind; doc: FinanceDocument; reload: () => void }) {
  const k = KINDS[kind];
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Unsaved edits in the draft form: issuing would post the saved version, so it waits for a save.
  const [unsaved, setUnsaved] = useState(false);
  const base = `/api/v1/finance/${k.path}/{id}`;
  const name = doc.number ?? `draft ${k.label.toLowerCase()}`;

  const afterChange = async (next?: FinanceDocument) => {
    if (next) queryClient.setQueryData(financeKeys.document(kind, doc.id), next);
    await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.documents(kind)) });
    await queryClient.invalidateQueries({ queryKey: ['finance', 'open'] });
    await queryClient.invalidateQueries({ queryKey: financeKeys.reports });
  };

  const act = async (action: 'issue' | 'void' | 'delete') => {
    const options = {
      issue: {
        title: `Issue this ${k.label.toLowerCase()}?`,
        message: (
          <>
            It gets its number and its journal entry is posted for{' '}
            <strong>
              <Money amount={doc.total} currency={doc.currency} />
            </strong>
            . After that it can no longer be edited, only voided.
          </>
        ),
        confirmLabel: `Issue ${k.label.toLowerCase()}`,
        danger: false,
      },
      void: {
        title: `Void ${name}?`,
        message: 'Its journal entry is reversed and it no longer counts as open. This cannot be undone.',
        confirmLabel: `Void ${k.label.toLowerCase()}`,
      },
      delete: {
        title: `Delete this draft?`,
        message: `The draft ${k.label.toLowerCase()} is deleted. Nothing was posted.`,
        confirmLabel: 'Delete draft',
      },
    }[action];
    if (!(await confirm(options))) return;
    setBusy(true);
    setError(null);
    try {
      if (action === 'delete') {
        await unwrap(api.DELETE(base as '/api/v1/finance/invoices/{id}', { params: { path: { id: doc.id } } }));
        await afterChange();
        toast.success('Draft deleted.');
        void navigate({ to: `/finance/${k.path}` });
        return;
      }
      const next = await unwrap(
        api.POST(`${base}/${action}` as '/api/v1/finance/invoices/{id}/issue', {
          params: { path: { id: doc.id } },
          body: action === 'issue' ? { version: doc.version } : {},
        }),
      );
      await afterChange(next);
      toast.success(action === 'issue' ? `${k.label} ${next.number} issued.` : `${name} voided.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const draft = doc.status === 'draft';
  const open = !draft && doc.status !== 'void' && !isZero(doc.open);
  return (
    <>
      <PageHeader
        title={doc.number ? `${k.label} ${doc.number}` : `Draft ${k.label.toLowerCase()}`}
        description={
          <>
            <StatusBadge status={doc.status} overdue={doc.overdue} /> ·{' '}
            <Link to={`/finance/parties/${doc.partyId}`}>{doc.partyName}</Link> · <DateText value={doc.date} />, due{' '}
            <DateText value={doc.dueDate} />
          </>
        }
        actions={
          <>
            {open && !k.credit && can('finance:approve') && (
              <Link
                to="/finance/payments/new"
                search={{
                  partyId: doc.partyId,
                  direction: k.side === 'customer' ? 'received' : 'made',
                  documentId: doc.id,
                }}
                className="btn btn-primary"
              >
                Record payment
              </Link>
            )}
            <Link to={`/finance/${k.path}`}>Back to {k.plural.toLowerCase()}</Link>
          </>
        }
      />
      <FormErrorBanner error={error} onReload={reload} />
      {draft && can('finance:write') ? (
        <>
          <section className="card" aria-label={`Draft ${k.label.toLowerCase()}`}>
            <DocumentForm kind={kind} document={doc} onSaved={() => reload()} onDirtyChange={setUnsaved} />
          </section>
          <section className="card" aria-labelledby="doc-actions-h">
            <h2 id="doc-actions-h">Saved totals</h2>
            <DocumentTotals doc={doc} />
            <div className="form-actions">
              {can('finance:approve') && (
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => void act('issue')}
                  disabled={busy || unsaved}
                  aria-describedby="doc-issue-note"
                >
                  Issue {k.label.toLowerCase()}
                </button>
              )}
              <button type="button" className="btn btn-danger" onClick={() => void act('delete')} disabled={busy}>
                Delete draft
              </button>
            </div>
            {unsaved ? (
              <p id="doc-issue-note" className="banner banner-warning" role="status">
                You have unsaved changes. Save the draft first: issuing posts the saved version shown above.
              </p>
            ) : (
              <p id="doc-issue-note" className="muted">
                Issuing posts the saved draft.
              </p>
            )}
          </section>
        </>
      ) : (
        <>
          <DocumentLines doc={doc} />
          <section className="card" aria-labelledby="doc-alloc-h">
            <h2 id="doc-alloc-h">{k.credit ? 'Applied to' : 'Payments and credits'}</h2>
            <DocumentAllocations
              kind={kind}
              doc={doc}
              onChanged={async () => {
                reload();
                await afterChange();
              }}
            />
            <div className="form-actions">
              {doc.journalEntryId && <Link to={`/finance/journal/${doc.journalEntryId}`}>Journal entry</Link>}
              {doc.voidEntryId && <Link to={`/finance/journal/${doc.voidEntryId}`}>Void entry</Link>}
              {k.credit && open && can('finance:approve') && (
                <RefundButton
                  source={{
                    creditDocumentId: doc.id,
                    number: doc.number ?? '',
                    side: k.side,
                    currency: doc.currency,
                    available: doc.open,
                  }}
                  onDone={async () => {
                    reload();
                    await afterChange();
                  }}
                />
              )}
              {doc.status === 'issued' && isZero(doc.allocated) && can('finance:approve') && (
                <button type="button" className="btn btn-danger" onClick={() => void act('void')} disabled={busy}>
                  Void {k.label.toLowerCase()}
                </button>
              )}
            </div>
          </section>
          {(kind === 'credit-note' || kind === 'vendor-credit') && open && can('finance:approve') && (
            <ApplyCredit kind={kind} doc={doc} onDone={afterChange} onReload={reload} />
          )}
        </>
      )}
      {(kind === 'invoice' || kind === 'bill') && doc.status !== 'void' && (
        <InstalmentSchedule kind={kind} documentId={doc.id} stamp={`${doc.version}:${doc.status}:${doc.allocated}`} />
      )}
      <DocumentPrinting kind={kind} doc={doc} />
      {(kind === 'invoice' || kind === 'bill') && (
        <AttachmentsPanel recordType={`finance.${kind}`} recordId={doc.id} canWrite={can('finance:write')} />
      )}
    </>
  );
}
