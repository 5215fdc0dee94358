import { drawLetterhead, type Logo } from './document-pdf.js';
import { A4, grouped, MARGIN, PdfWriter } from './pdf-layout.js';
import { effectiveTexts, type CompanyProfileRow } from './company-profile.service.js';
import type { Statement } from './statement.service.js';
import { DOCUMENT_PLACEHOLDERS, fillTemplate } from './template-text.js';

/** The placeholders' values for a statement's texts. */
export function statementValues(s: Statement, settings: CompanyProfileRow): Record<string, string> {
  return {
    companyName: settings.legal_name,
    partyName: s.party.name,
    periodFrom: s.from,
    periodTo: s.to,
    closingBalance: grouped(s.closingBalance),
    currency: s.currency,
  };
}

/** The PDF of a statement of account: letterhead, the period, the lines with running balance, ageing. */
export async function renderStatementPdf(
  s: Statement,
  settings: CompanyProfileRow,
  logo: Logo | null,
): Promise<Uint8Array> {
  const w = await PdfWriter.create(`Statement of account ${s.party.name} ${s.from} – ${s.to}`, settings.legal_name);
  await drawLetterhead(w, settings, logo);
  w.draw('STATEMENT OF ACCOUNT', MARGIN, 16, { bold: true });
  w.gap(6);
  w.paragraph(s.party.name, { bold: true, size: 10 });
  if (s.party.taxId) w.paragraph(`Tax ID: ${s.party.taxId}`);
  w.paragraph(`Period ${s.from} to ${s.to} · amounts in ${s.currency}`, { grey: true });
  w.gap(10);

  const right = A4.width - MARGIN;
  const cols = {
    date: { x: MARGIN, width: 58 },
    type: { x: 110, width: 110 },
    number: { x: 222, width: 80 },
    due: { x: 304, width: 58 },
    debit: { x: 364, width: 60 },
    credit: { x: 426, width: 60 },
    balance: { x: 488, width: right - 488 },
  };
  w.row(
    [
      { text: 'Date', ...cols.date, bold: true },
      { text: 'Type', ...cols.type, bold: true },
      { text: 'Number', ...cols.number, bold: true },
      { text: 'Due', ...cols.due, bold: true },
      { text: 'Debit', ...cols.debit, align: 'right', bold: true },
      { text: 'Credit', ...cols.credit, align: 'right', bold: true },
      { text: 'Balance', ...cols.balance, align: 'right', bold: true },
    ],
    8,
  );
  w.rule();
  w.row([
    { text: s.from, ...cols.date },
    { text: 'Opening balance', ...cols.type },
    { text: grouped(s.openingBalance), ...cols.balance, align: 'right' },
  ]);
  for (const l of s.lines) {
    w.row([
      { text: l.date, ...cols.date },
      { text: l.type, ...cols.type },
      { text: l.number ?? '', ...cols.number },
      { text: l.dueDate ?? '', ...cols.due },
      { text: Number(l.debit) === 0 ? '' : grouped(l.debit), ...cols.debit, align: 'right' },
      { text: Number(l.credit) === 0 ? '' : grouped(l.credit), ...cols.credit, align: 'right' },
      { text: grouped(l.balance), ...cols.balance, align: 'right' },
    ]);
  }
  w.rule();
  w.row([
    { text: s.to, ...cols.date, bold: true },
    { text: 'Closing balance', ...cols.type, bold: true },
    { text: `${grouped(s.closingBalance)} ${s.currency}`, x: 400, width: right - 400, align: 'right', bold: true },
  ]);

  w.gap(14);
  w.ensureSpace(50);
  w.paragraph(`Ageing at ${s.to}`, { bold: true, size: 10 });
  const buckets = ['current', '1-30', '31-60', '61-90', '90+', 'total'] as const;
  const width = w.contentWidth / buckets.length;
  w.row(
    buckets.map((b, i) => ({
      text: b === 'current' ? 'Current' : b === 'total' ? 'Total' : `${b} days`,
      x: MARGIN + i * width,
      width: width - 4,
      align: 'right' as const,
      bold: true,
    })),
    8,
  );
  w.row(
    buckets.map((b, i) => ({
      text: grouped(s.ageing[b]),
      x: MARGIN + i * width,
      width: width - 4,
      align: 'right' as const,
    })),
  );
  const texts = effectiveTexts(settings);
  // The footer is shared with documents: their placeholders are empty on a statement.
  const blanks = Object.fromEntries(DOCUMENT_PLACEHOLDERS.map((p) => [p, '']));
  return w.finish(fillTemplate(texts.footerText, { ...blanks, ...statementValues(s, settings) }));
}
