import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { bankingErrors } from './banking.errors.js';
import { isCalendarDate, plainDecimal, type ParsedLine, type ParsedStatement } from './statement-format.js';

/**
 * ISO 20022 camt.053 (BankToCustomerStatement, any version 001.02–001.13): one statement (`Stmt`)
 * per file — with several, the one of the bank account's IBAN. Read: the account (IBAN or other id,
 * currency), the opening (`OPBD`, else `PRCD`) and closing (`CLBD`) booked balances, and every booked
 * entry (`Ntry` with status `BOOK`; pending `PDNG` and information-only entries are left out) as one
 * line: amount signed by `CdtDbtInd`, booking and value date, the bank's reference (`AcctSvcrRef`),
 * the remittance (structured creditor reference, else end-to-end id, else unstructured text), the
 * counterparty (debtor for money in, creditor for money out) and the descriptions.
 */
type Xml = string | XmlObject | Xml[];
interface XmlObject {
  [key: string]: Xml | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => ['Stmt', 'Bal', 'Ntry', 'TxDtls', 'Ustrd', 'AddtlNtryInf', 'AddtlTxInf'].includes(name),
});

const isObj = (v: Xml | undefined): v is XmlObject => typeof v === 'object' && v !== null && !Array.isArray(v);
function get(v: Xml | undefined, ...path: string[]): Xml | undefined {
  let cur = v;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}
function text(v: Xml | undefined, ...path: string[]): string {
  const x = get(v, ...path);
  if (typeof x === 'string') return x;
  if (isObj(x) && typeof x['#text'] === 'string') return x['#text'];
  if (Array.isArray(x)) return x.map((i) => (typeof i === 'string' ? i : text(i))).join(' ');
  return '';
}
const list = (v: Xml | undefined): Xml[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function amountOf(node: Xml | undefined, where: string): string {
  const amt = plainDecimal(text(node, 'Amt'));
  if (amt === null) throw bankingErrors.malformed(`${where}: Amt is not an amount.`);
  const sign = text(node, 'CdtDbtInd');
  if (sign !== 'CRDT' && sign !== 'DBIT') throw bankingErrors.malformed(`${where}: CdtDbtInd must be CRDT or DBIT.`);
  return sign === 'DBIT' ? `-${amt.replace(/^-/, '')}` : amt;
}

function dateOf(node: Xml | undefined, where: string): string {
  const d = (text(node, 'Dt') || text(node, 'DtTm')).slice(0, 10);
  if (!isCalendarDate(d)) throw bankingErrors.malformed(`${where}: no valid date.`);
  return d;
}

const useful = (ref: string) => (ref && ref.toUpperCase() !== 'NOTPROVIDED' ? ref : '');

function entryLine(ntry: Xml, i: number): ParsedLine {
  const where = `Ntry ${i + 1}`;
  const tx = list(get(ntry, 'NtryDtls', 'TxDtls'));
  const incoming = text(ntry, 'CdtDbtInd') === 'CRDT';
  const party = (t: Xml | undefined) =>
    incoming
      ? text(t, 'RltdPties', 'Dbtr', 'Nm') || text(t, 'RltdPties', 'Dbtr', 'Pty', 'Nm')
      : text(t, 'RltdPties', 'Cdtr', 'Nm') || text(t, 'RltdPties', 'Cdtr', 'Pty', 'Nm');
  const partyAccount = (t: Xml | undefined) =>
    incoming
      ? text(t, 'RltdPties', 'DbtrAcct', 'Id', 'IBAN') || text(t, 'RltdPties', 'DbtrAcct', 'Id', 'Othr', 'Id')
      : text(t, 'RltdPties', 'CdtrAcct', 'Id', 'IBAN') || text(t, 'RltdPties', 'CdtrAcct', 'Id', 'Othr', 'Id');
  const first = tx[0];
  const reference =
    tx.map((t) => text(t, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref')).find(Boolean) ||
    tx.map((t) => useful(text(t, 'Refs', 'EndToEndId'))).find(Boolean) ||
    '';
  const description = [
    ...tx.map((t) => text(t, 'RmtInf', 'Ustrd')),
    ...tx.map((t) => text(t, 'AddtlTxInf')),
    text(ntry, 'AddtlNtryInf'),
  ]
    .filter(Boolean)
    .join(' ');
  return {
    bookingDate: dateOf(get(ntry, 'BookgDt'), `${where} BookgDt`),
    valueDate: get(ntry, 'ValDt') ? dateOf(get(ntry, 'ValDt'), `${where} ValDt`) : null,
    amount: amountOf(ntry, where),
    description,
    reference,
    counterparty: party(first),
    counterpartyAccount: partyAccount(first),
    bankRef: text(ntry, 'AcctSvcrRef') || text(first, 'Refs', 'AcctSvcrRef') || text(ntry, 'NtryRef'),
  };
}

const booked = (ntry: Xml) => {
  const status = text(ntry, 'Sts', 'Cd') || text(ntry, 'Sts');
  return status === '' || status === 'BOOK';
};

/** Parses a camt.053 document (no DTD or entity declarations: refused before parsing). */
export function parseCamt053(xml: string, iban: string | null): ParsedStatement {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw bankingErrors.malformed('Document type declarations and entities are not accepted.');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw bankingErrors.malformed(
      `Not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`,
    );
  const tree = parser.parse(xml) as XmlObject;
  const doc = tree['Document'];
  const namespaced = /xmlns(:\w+)?=["']urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d\d["']/.test(xml);
  if (!isObj(doc) || !namespaced)
    throw bankingErrors.malformed(
      'Not an ISO 20022 camt.053 document (urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx).',
    );
  const statements = list(get(doc, 'BkToCstmrStmt', 'Stmt'));
  if (statements.length === 0) throw bankingErrors.malformed('The document holds no statement (Stmt).');
  const ibanOf = (s: Xml) => text(s, 'Acct', 'Id', 'IBAN').replace(/\s+/g, '').toUpperCase();
  const stmt = statements.length === 1 ? statements[0]! : statements.find((s) => iban !== null && ibanOf(s) === iban);
  if (!stmt)
    throw bankingErrors.wrongAccount(`None of the ${statements.length} statements is of ${iban ?? 'this account'}.`);
  const balances = list(get(stmt, 'Bal'));
  const balance = (...codes: string[]) => {
    for (const code of codes) {
      const b = balances.find((x) => text(x, 'Tp', 'CdOrPrtry', 'Cd') === code);
      if (b) return amountOf(b, `Bal ${code}`);
    }
    return null;
  };
  const from = text(stmt, 'FrToDt', 'FrDtTm').slice(0, 10);
  const to = text(stmt, 'FrToDt', 'ToDtTm').slice(0, 10);
  const entries = list(get(stmt, 'Ntry'));
  return {
    statementRef: text(stmt, 'Id') || text(stmt, 'ElctrncSeqNb'),
    accountIban: ibanOf(stmt) || null,
    accountNumber: text(stmt, 'Acct', 'Id', 'Othr', 'Id') || null,
    currency: text(stmt, 'Acct', 'Ccy') || null,
    startDate: isCalendarDate(from) ? from : null,
    endDate: isCalendarDate(to) ? to : null,
    openingBalance: balance('OPBD', 'PRCD'),
    closingBalance: balance('CLBD'),
    lines: entries
      .map((n, i) => ({ n, i }))
      .filter(({ n }) => booked(n))
      .map(({ n, i }) => entryLine(n, i)),
  };
}
