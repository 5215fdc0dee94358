import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, downloadFile, unwrap } from '../../../api';
import { useAuth, useToast } from '../../../components';
import { financeKeys, KINDS, type DocumentKind, type FinanceDocument } from '../queries';
import { SendButton, type SendBody } from './SendDialog';
import { SendLog } from './SendLog';

export const sendKeys = {
  document: (id: string) => ['finance', 'sends', 'document', id] as const,
  statement: (partyId: string) => ['finance', 'sends', 'statement', partyId] as const,
};

/**
 * "Download PDF" and "Send by email" on a document, and its send log (who sent it to whom, when).
 * Drafts and voided documents can be downloaded (marked so) but not sent.
 */
export function DocumentPrinting({ kind, doc }: { kind: DocumentKind; doc: FinanceDocument }) {
  const k = KINDS[kind];
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [downloading, setDownloading] = useState(false);
  const base = `/api/v1/finance/${k.path}/{id}` as const;
  const party = useQuery({
    queryKey: financeKeys.party(doc.partyId),
    queryFn: () => unwrap(api.GET('/api/v1/finance/parties/{id}', { params: { path: { id: doc.partyId } } })),
  });
  const sendable = doc.status !== 'draft' && doc.status !== 'void';
  const fileName = `${k.label}-${doc.number ?? 'draft'}.pdf`.replace(/\s+/g, '-');

  // Issued invoices and credit notes also go out as e-invoices (UBL 2.1, Peppol BIS Billing 3.0).
  const ubl = sendable && (kind === 'invoice' || kind === 'credit-note');
  const download = async (format: 'pdf' | 'ubl') => {
    setDownloading(true);
    try {
      if (format === 'ubl')
        await downloadFile(`/api/v1/finance/${k.path}/${doc.id}/ubl`, fileName.replace(/\.pdf$/, '.xml'));
      else await downloadFile(`/api/v1/finance/${k.path}/${doc.id}/pdf?download=true`, fileName);
    } catch (error) {
      toast.error(error);
    } finally {
      setDownloading(false);
    }
  };
  const send = (body: SendBody) =>
    unwrap(
      api.POST(`${base}/send` as '/api/v1/finance/invoices/{id}/send', { params: { path: { id: doc.id } }, body }),
    );
  return (
    <section className="card" aria-labelledby="doc-print-h">
      <h2 id="doc-print-h">{ubl ? 'PDF, e-invoice and email' : 'PDF and email'}</h2>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void download('pdf')} disabled={downloading}>
          Download PDF
        </button>
        {ubl && (
          <button type="button" className="btn" onClick={() => void download('ubl')} disabled={downloading}>
            Download e-invoice (UBL)
          </button>
        )}
        {can('finance:write') && (
          <SendButton
            what={`${k.label.toLowerCase()} ${doc.number ?? ''}`.trim()}
            defaultTo={party.data?.email ?? null}
            send={send}
            disabled={!sendable || party.isLoading}
            onSent={() => void queryClient.invalidateQueries({ queryKey: sendKeys.document(doc.id) })}
          />
        )}
      </div>
      {!sendable && <p className="muted">Issue the {k.label.toLowerCase()} to send it by email.</p>}
      <h3>Sent</h3>
      <SendLog
        queryKey={sendKeys.document(doc.id)}
        load={() =>
          unwrap(
            api.GET(`${base}/sends` as '/api/v1/finance/invoices/{id}/sends', { params: { path: { id: doc.id } } }),
          )
        }
      />
    </section>
  );
}
