import { bankingErrors } from './banking.errors.js';
import type { CsvMapping } from './banking.tables.js';
import { isCalendarDate, plainDecimal, type ParsedLine, type ParsedStatement } from './statement-format.js';

/** RFC 4180 CSV with a chosen delimiter (quoted fields, "" escapes, CRLF or LF); blank lines skipped. */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0]!.trim() !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n') endRow();
    else if (ch !== '\r') field += ch;
  }
  if (quoted) throw bankingErrors.malformed('CSV: a quoted field is not closed.');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** A date in the mapping's format as YYYY-MM-DD, or null. */
export function csvDate(text: string, format: CsvMapping['dateFormat']): string | null {
  const t = text.trim();
  const m =
    format === 'YYYY-MM-DD'
      ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
      : format === 'YYYYMMDD'
        ? /^(\d{4})(\d{2})(\d{2})$/.exec(t)
        : /^(\d{2})[./](\d{2})[./](\d{4})$/.exec(t);
  if (!m) return null;
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  const iso =
    format === 'YYYY-MM-DD' || format === 'YYYYMMDD'
      ? `${a}-${b}-${c}`
      : format === 'MM/DD/YYYY'
        ? `${c}-${a}-${b}`
        : `${c}-${b}-${a}`;
  return isCalendarDate(iso) ? iso : null;
}

/** An amount with the mapping's decimal separator ("1.234,56", "-12.50", "(12.50)") as a plain decimal, or null. */
export function csvAmount(text: string, decimalSeparator: '.' | ','): string | null {
  let t = text.trim().replace(/[\s\u00a0']/g, '');
  if (t === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.endsWith('-')) {
    negative = true;
    t = t.slice(0, -1);
  }
  t = decimalSeparator === ',' ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  const plain = plainDecimal(t);
  if (plain === null) return null;
  return negative ? `-${plain.replace(/^-/, '')}` : plain;
}

/** Reads a CSV statement with a column mapping (column titles as in the file's header row). */
export function parseCsvStatement(content: string, mapping: CsvMapping): ParsedStatement {
  const rows = parseDelimited(content, mapping.delimiter);
  const header = rows[mapping.headerRow - 1];
  if (!header) throw bankingErrors.malformed(`CSV: there is no header row ${mapping.headerRow}.`);
  const titles = header.map((h) => h.trim().toLowerCase());
  const column = (key: keyof CsvMapping, title: string | undefined) => {
    if (!title) return -1;
    const at = titles.indexOf(title.trim().toLowerCase());
    if (at < 0) throw bankingErrors.malformed(`CSV: no column "${title}" in the header row.`, `csvMapping.${key}`);
    return at;
  };
  const cols = {
    date: column('date', mapping.date),
    valueDate: column('valueDate', mapping.valueDate),
    amount: column('amount', mapping.amount),
    debit: column('debit', mapping.debit),
    credit: column('credit', mapping.credit),
    description: column('description', mapping.description),
    reference: column('reference', mapping.reference),
    counterparty: column('counterparty', mapping.counterparty),
    bankRef: column('bankRef', mapping.bankRef),
  };
  const cell = (row: string[], at: number) => (at < 0 ? '' : (row[at] ?? ''));
  const lines: ParsedLine[] = rows.slice(mapping.headerRow).map((row, i) => {
    const rowNo = mapping.headerRow + i + 1;
    const bookingDate = csvDate(cell(row, cols.date), mapping.dateFormat);
    if (!bookingDate)
      throw bankingErrors.malformed(
        `CSV row ${rowNo}: "${cell(row, cols.date)}" is not a date (${mapping.dateFormat}).`,
      );
    let amount: string | null;
    if (cols.amount >= 0) amount = csvAmount(cell(row, cols.amount), mapping.decimalSeparator);
    else {
      const debit = csvAmount(cell(row, cols.debit), mapping.decimalSeparator);
      const credit = csvAmount(cell(row, cols.credit), mapping.decimalSeparator);
      amount =
        debit !== null && !/^-?0+(\.0+)?$/.test(debit)
          ? `-${debit.replace(/^-/, '')}`
          : credit !== null
            ? credit.replace(/^-/, '')
            : null;
    }
    if (amount === null) throw bankingErrors.malformed(`CSV row ${rowNo}: no amount.`);
    const valueDate = cols.valueDate >= 0 ? csvDate(cell(row, cols.valueDate), mapping.dateFormat) : null;
    return {
      bookingDate,
      valueDate,
      amount,
      description: cell(row, cols.description),
      reference: cell(row, cols.reference),
      counterparty: cell(row, cols.counterparty),
      counterpartyAccount: '',
      bankRef: cell(row, cols.bankRef),
    };
  });
  return {
    statementRef: '',
    accountIban: null,
    accountNumber: null,
    currency: null,
    startDate: null,
    endDate: null,
    openingBalance: null,
    closingBalance: null,
    lines,
  };
}
