import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useRef, useState } from 'react';
import { api, errorMessage, unwrap } from '../../../api';
import { financeKeys } from '../queries';

/** The largest e-invoice file read in the browser (the API takes the XML inside a JSON body). */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * "Import e-invoice" on the bills list: choose a supplier's UBL 2.1 invoice (Peppol BIS Billing 3.0),
 * and it becomes a draft bill to check and post. What the server refuses (an unknown supplier, totals
 * that do not tie, an invoice already imported) is shown in its words.
 */
export function ImportUblButton() {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [state, setState] = useState<'idle' | 'busy' | { error: string }>('idle');

  const importFile = async (file: File) => {
    if (file.size > MAX_BYTES) {
      setState({ error: `The file is ${Math.ceil(file.size / 1024)} kB; an e-invoice of up to 5 MB can be imported.` });
      return;
    }
    setState('busy');
    try {
      const bill = await unwrap(api.POST('/api/v1/finance/bills/import-ubl', { body: { xml: await file.text() } }));
      const list = financeKeys.lists.documents('bill');
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes(list) });
      setState('idle');
      await navigate({ to: `/finance/bills/${bill.id}` });
    } catch (error) {
      setState({ error: errorMessage(error) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="fin-import-ubl">
      <label htmlFor={inputId} className="btn" aria-disabled={state === 'busy'}>
        {state === 'busy' ? 'Importing…' : 'Import e-invoice (UBL)'}
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept=".xml,application/xml,text/xml"
        className="visually-hidden"
        disabled={state === 'busy'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      {typeof state === 'object' && (
        <p className="field-error" role="alert">
          Not imported: {state.error}
        </p>
      )}
    </div>
  );
}
