import { bankingErrors } from './banking.errors.js';
import { isCalendarDate, plainDecimal, type ParsedLine, type ParsedStatement } from './statement-format.js';

/**
 * OFX bank and credit-card statements, 1.x (SGML: leaf elements need no end tag) and 2.x (XML).
 * A small parser of our own (see the Finance README, "Banking"): the elements are read as a tree,
 * tolerant of missing end tags of leaves; a DTD or entity declaration is refused. Read:
 * `STMTRS`/`CCSTMTRS` with `CURDEF`, the account (`ACCTID`), `BANKTRANLIST` (`DTSTART`, `DTEND`, each
 * `STMTTRN`: `DTPOSTED`, `DTUSER`, `TRNAMT`, `FITID`, `REFNUM`/`CHECKNUM`, `NAME` or `PAYEE/NAME`,
 * `MEMO`) and `LEDGERBAL/BALAMT` as the closing balance. OFX has no opening balance: it is the
 * closing balance less the lines.
 */
interface Node {
  name: string;
  value: string | null;
  children: Node[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });

function parseTree(body: string): Node {
  const root: Node = { name: '#root', value: null, children: [] };
  const stack: Node[] = [root];
  let lastLeaf: Node | null = null;
  const tag = /<(\/?)([A-Za-z0-9._]+)\s*>([^<]*)/g;
  for (const m of body.matchAll(tag)) {
    const [, closing, rawName, rawText] = m;
    const name = rawName!.toUpperCase();
    const value = rawText!.trim();
    const top = stack[stack.length - 1]!;
    if (closing) {
      if (lastLeaf && lastLeaf.name === name) {
        lastLeaf = null; // the XML end tag of a leaf
        continue;
      }
      const at = stack.map((n) => n.name).lastIndexOf(name);
      if (at <= 0) throw bankingErrors.malformed(`OFX: </${name}> closes nothing.`);
      stack.length = at;
      lastLeaf = null;
      continue;
    }
    const node: Node = { name, value: value === '' ? null : decode(value), children: [] };
    top.children.push(node);
    if (node.value === null) {
      stack.push(node);
      lastLeaf = null;
    } else lastLeaf = node;
  }
  return root;
}

const child = (n: Node | undefined, name: string) => n?.children.find((c) => c.name === name);
function find(n: Node | undefined, name: string): Node | undefined {
  if (!n) return undefined;
  for (const c of n.children) {
    if (c.name === name) return c;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}
const val = (n: Node | undefined, name: string) => child(n, name)?.value ?? '';

function ofxDate(s: string, where: string): string {
  const d = s.trim();
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  if (!/^\d{8}/.test(d) || !isCalendarDate(iso)) throw bankingErrors.malformed(`OFX ${where}: "${s}" is not a date.`);
  return iso;
}

function ofxAmount(s: string, where: string): string {
  const t = s.trim();
  const normal = t.includes('.') ? t : t.replace(',', '.');
  const amount = plainDecimal(normal);
  if (amount === null) throw bankingErrors.malformed(`OFX ${where}: "${s}" is not an amount.`);
  return amount;
}

/** Parses an OFX 1.x (SGML) or 2.x (XML) statement. */
export function parseOfx(content: string): ParsedStatement {
  if (/<!DOCTYPE|<!ENTITY/i.test(content))
    throw bankingErrors.malformed('Document type declarations and entities are not accepted.');
  const start = content.search(/<OFX>/i);
  if (start < 0) throw bankingErrors.malformed('Not an OFX file: no <OFX> element.');
  const tree = parseTree(content.slice(start));
  const stmt = find(tree, 'STMTRS') ?? find(tree, 'CCSTMTRS');
  if (!stmt) throw bankingErrors.malformed('OFX: no bank or credit card statement (STMTRS / CCSTMTRS).');
  const list = child(stmt, 'BANKTRANLIST');
  const account = child(stmt, 'BANKACCTFROM') ?? child(stmt, 'CCACCTFROM');
  const lines: ParsedLine[] = (list?.children ?? [])
    .filter((c) => c.name === 'STMTTRN')
    .map((t, i) => {
      const where = `STMTTRN ${i + 1}`;
      const name = val(t, 'NAME') || val(child(t, 'PAYEE'), 'NAME');
      return {
        bookingDate: ofxDate(val(t, 'DTPOSTED'), `${where} DTPOSTED`),
        valueDate: val(t, 'DTUSER') ? ofxDate(val(t, 'DTUSER'), `${where} DTUSER`) : null,
        amount: ofxAmount(val(t, 'TRNAMT'), `${where} TRNAMT`),
        description: [val(t, 'MEMO'), val(t, 'TRNTYPE')].filter(Boolean).join(' '),
        reference: val(t, 'REFNUM') || val(t, 'CHECKNUM'),
        counterparty: name,
        counterpartyAccount: val(child(t, 'BANKACCTTO'), 'ACCTID'),
        bankRef: val(t, 'FITID'),
      };
    });
  const ledger = child(stmt, 'LEDGERBAL');
  return {
    statementRef: val(find(tree, 'STMTTRNRS') ?? find(tree, 'CCSTMTTRNRS'), 'TRNUID'),
    accountIban: null,
    accountNumber: val(account, 'ACCTID') || null,
    currency: val(stmt, 'CURDEF') || null,
    startDate: val(list, 'DTSTART') ? ofxDate(val(list, 'DTSTART'), 'DTSTART') : null,
    endDate: val(list, 'DTEND') ? ofxDate(val(list, 'DTEND'), 'DTEND') : null,
    openingBalance: null,
    closingBalance: val(ledger, 'BALAMT') ? ofxAmount(val(ledger, 'BALAMT'), 'LEDGERBAL/BALAMT') : null,
    lines,
  };
}
