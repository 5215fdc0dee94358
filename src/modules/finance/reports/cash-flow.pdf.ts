import type { Db } from '../../../platform/db/database.js';
import type { FileStore } from '../../../platform/files/file-store.js';
import * as profile from '../printing/company-profile.repository.js';
import { drawLetterhead } from '../printing/document-pdf.js';
import { A4, grouped, MARGIN, PdfWriter } from '../printing/pdf-layout.js';
import { loadLogo } from '../printing/printing.service.js';
import { cashFlowStatement, type CashFlowMethod, type CashFlowStatement } from './cash-flow.js';

const KIND_NOTES: Record<string, string> = {
  'working-capital': ' (change in working capital)',
  'non-cash': ' (non-cash item)',
};

/** The statement as an A4 PDF: letterhead, the sections with their lines and totals, cash and the tie-out. */
export async function renderCashFlowPdf(
  cf: CashFlowStatement,
  settings: Awaited<ReturnType<typeof profile.getCompanyProfile>>,
  logo: Awaited<ReturnType<typeof loadLogo>>,
): Promise<Uint8Array> {
  const w = await PdfWriter.create(`Cash flow ${cf.from} – ${cf.to}`, settings.legal_name);
  await drawLetterhead(w, settings, logo);
  w.draw('CASH-FLOW STATEMENT', MARGIN, 16, { bold: true });
  w.gap(6);
  w.paragraph(`Period ${cf.from} to ${cf.to} · ${cf.method} method · amounts in ${cf.currency}, positive = cash in`, {
    grey: true,
  });
  w.gap(10);
  const right = A4.width - MARGIN;
  const amount = { x: 430, width: right - 430, align: 'right' as const };
  for (const s of cf.sections) {
    w.ensureSpace(50);
    w.paragraph(s.label, { bold: true, size: 10 });
    if (s.lines.length === 0) w.paragraph('No movements.', { grey: true });
    for (const l of s.lines)
      w.row([
        { text: l.code ?? '', x: MARGIN, width: 50 },
        { text: `${l.name}${KIND_NOTES[l.kind] ?? ''}`, x: 102, width: 320 },
        { text: grouped(l.amount), ...amount },
      ]);
    w.rule();
    w.row([
      { text: `Total ${s.label.toLowerCase()}`, x: MARGIN, width: 370, bold: true },
      { text: grouped(s.total), ...amount, bold: true },
    ]);
    w.gap(8);
  }
  w.ensureSpace(70);
  for (const [label, value, bold] of [
    [`Opening cash ${cf.from}`, cf.openingCash, false],
    ['Net change in cash', cf.netChange, false],
    [`Closing cash ${cf.to}`, cf.closingCash, true],
    ['Change in the cash accounts (tie-out)', cf.tieOut.cashAccountsChange, false],
    ['Difference', cf.tieOut.difference, false],
  ] as const)
    w.row([
      { text: label, x: MARGIN, width: 370, bold },
      { text: `${grouped(value)} ${cf.currency}`, ...amount, bold },
    ]);
  return w.finish(`${settings.legal_name} · cash flow ${cf.from} – ${cf.to}`);
}

/** The cash-flow statement of [from, to] as a PDF, with the company's letterhead. */
export async function cashFlowPdf(
  db: Db,
  store: FileStore | null,
  query: { from: string; to: string; method: CashFlowMethod },
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const report = await cashFlowStatement(db, query);
  const settings = await profile.getCompanyProfile(db);
  const bytes = await renderCashFlowPdf(report, settings, await loadLogo(settings, store));
  return { bytes, fileName: `cash-flow-${report.method}-${report.from}-${report.to}.pdf` };
}
