import { useNavigate } from '@tanstack/react-router';
import { useId, useMemo, useState } from 'react';
import { api, queryClient, unwrap } from '../../../api';
import { FormErrorBanner, useToast } from '../../../components';
import { bankingKeys, type BankAccount, type CsvMapping } from './bankingApi';

type Format = 'csv' | 'camt053' | 'ofx';
const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYYMMDD'] as const;
const DELIMITERS: [CsvMapping['delimiter'], string][] = [
  [',', 'Comma'],
  [';', 'Semicolon'],
  ['\t', 'Tab'],
  ['|', 'Bar'],
];
const FIELDS: [keyof CsvMapping, string][] = [
  ['date', 'Booking date'],
  ['valueDate', 'Value date'],
  ['amount', 'Amount (signed)'],
  ['debit', 'Debit (money out)'],
  ['credit', 'Credit (money in)'],
  ['description', 'Description'],
  ['reference', 'Reference'],
  ['counterparty', 'Counterparty'],
  ['bankRef', 'Bank transaction id'],
];

const guessFormat = (name: string, text: string): Format =>
  /camt|\.xml$/i.test(name) || text.includes('camt.053')
    ? 'camt053'
    : /\.(ofx|qfx)$/i.test(name) || /<OFX>/i.test(text)
      ? 'ofx'
      : 'csv';

/** The titles of the header row, split as the server will (quoted fields, the delimiter). */
function headerTitles(text: string, delimiter: string, headerRow: number): string[] {
  const line =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')[headerRow - 1] ?? '';
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out.filter(Boolean);
}

/**
 * Import a statement file into a bank account: camt.053 and OFX as they come; CSV with a column
 * mapping (the account's saved one is the starting point, and the one used is saved again).
 */
export function StatementImport({ account }: { account: BankAccount }) {
  const navigate = useNavigate();
  const toast = useToast();
  const id = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [format, setFormat] = useState<Format>('camt053');
  const [mapping, setMapping] = useState<CsvMapping>(
    account.csvMapping ?? { delimiter: ',', headerRow: 1, date: '', dateFormat: 'YYYY-MM-DD', decimalSeparator: '.' },
  );
  const [opening, setOpening] = useState('');
  const [closing, setClosing] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const titles = useMemo(
    () => (file && format === 'csv' ? headerTitles(file.text, mapping.delimiter, mapping.headerRow) : []),
    [file, format, mapping.delimiter, mapping.headerRow],
  );
  const set = <K extends keyof CsvMapping>(key: K, value: CsvMapping[K]) => setMapping((m) => ({ ...m, [key]: value }));

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const clean = Object.fromEntries(
        Object.entries(mapping).filter(([, v]) => v !== '' && v !== undefined),
      ) as CsvMapping;
      const statement = await unwrap(
        api.POST('/api/v1/finance/bank-accounts/{id}/statements', {
          params: { path: { id: account.id } },
          body: {
            format,
            content: file.text,
            fileName: file.name,
            ...(format === 'csv' ? { csvMapping: clean } : {}),
            ...(opening ? { openingBalance: opening } : {}),
            ...(closing ? { closingBalance: closing } : {}),
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: bankingKeys.statements(account.id) });
      await queryClient.invalidateQueries({ queryKey: bankingKeys.accounts });
      toast.success(`Imported ${statement.lineCount} lines.`);
      await navigate({ to: `/finance/bank-statements/${statement.id}` });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label="Import a statement">
      <h2>Import a statement</h2>
      <FormErrorBanner error={error} />
      <div className="fin-form">
        <div className="field">
          <label htmlFor={`${id}-file`}>Statement file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".xml,.ofx,.qfx,.csv,.txt"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              const text = await f.text();
              setFile({ name: f.name, text });
              setFormat(guessFormat(f.name, text));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            <option value="camt053">ISO 20022 camt.053 (XML)</option>
            <option value="ofx">OFX</option>
            <option value="csv">CSV</option>
          </select>
        </div>
        {format !== 'camt053' && (
          <div className="field">
            <label htmlFor={`${id}-opening`}>Opening balance (optional)</label>
            <input
              id={`${id}-opening`}
              inputMode="decimal"
              value={opening}
              onChange={(e) => setOpening(e.target.value)}
            />
          </div>
        )}
        {format === 'csv' && (
          <div className="field">
            <label htmlFor={`${id}-closing`}>Closing balance (optional, checked)</label>
            <input
              id={`${id}-closing`}
              inputMode="decimal"
              value={closing}
              onChange={(e) => setClosing(e.target.value)}
            />
          </div>
        )}
      </div>
      {format === 'csv' && (
        <fieldset className="fin-form" aria-label="CSV column mapping">
          <legend>CSV column mapping {account.csvMapping ? '(saved with the account)' : ''}</legend>
          <div className="field">
            <label htmlFor={`${id}-delimiter`}>Delimiter</label>
            <select
              id={`${id}-delimiter`}
              value={mapping.delimiter}
              onChange={(e) => set('delimiter', e.target.value as CsvMapping['delimiter'])}
            >
              {DELIMITERS.map(([v, label]) => (
                <option key={label} value={v}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-header`}>Header row</label>
            <input
              id={`${id}-header`}
              inputMode="numeric"
              value={mapping.headerRow}
              onChange={(e) => set('headerRow', Math.max(1, Number(e.target.value.replace(/\D/g, '')) || 1))}
            />
          </div>
          {FIELDS.map(([key, label]) => (
            <div className="field" key={key}>
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <select
                id={`${id}-${key}`}
                value={(mapping[key] as string | undefined) ?? ''}
                onChange={(e) => set(key, e.target.value as never)}
              >
                <option value="">—</option>
                {[
                  ...new Set([...titles, ...((mapping[key] as string | undefined) ? [mapping[key] as string] : [])]),
                ].map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div className="field">
            <label htmlFor={`${id}-dates`}>Date format</label>
            <select
              id={`${id}-dates`}
              value={mapping.dateFormat}
              onChange={(e) => set('dateFormat', e.target.value as CsvMapping['dateFormat'])}
            >
              {DATE_FORMATS.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-decimal`}>Decimal separator</label>
            <select
              id={`${id}-decimal`}
              value={mapping.decimalSeparator}
              onChange={(e) => set('decimalSeparator', e.target.value as '.' | ',')}
            >
              <option value=".">Point (1,234.56)</option>
              <option value=",">Comma (1.234,56)</option>
            </select>
          </div>
        </fieldset>
      )}
      <button
        type="button"
        className="btn btn-primary"
        disabled={!file || busy}
        aria-busy={busy}
        onClick={() => void submit()}
      >
        {busy ? 'Importing…' : 'Import'}
      </button>
    </section>
  );
}
