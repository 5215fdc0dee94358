import { Decimal } from 'decimal.js';
import type { TaxReturnReportDto } from '../taxes/taxes.schemas.js';
import type { CompanyProfileRow } from './company-profile.service.js';
import { drawLetterhead, type Logo } from './document-pdf.js';
import { A4, grouped, MARGIN, PdfWriter } from './pdf-layout.js';

/**
 * The PDF of a tax return (the report of `/reports/tax-return`): letterhead, the period and whether
 * it is filed, taxable amount and tax per code, the amount per reporting box, output, input and net
 * payable, and the tie-out against the tax accounts. Amounts in the base currency, as the report's.
 */
export async function renderTaxReturnPdf(
  report: TaxReturnReportDto,
  settings: CompanyProfileRow,
  logo: Logo | null,
): Promise<Uint8Array> {
  const w = await PdfWriter.create(`Tax return ${report.from} – ${report.to}`, settings.legal_name);
  await drawLetterhead(w, settings, logo);
  w.draw('TAX RETURN', MARGIN, 16, { bold: true });
  w.gap(6);
  w.paragraph(`Period ${report.from} to ${report.to} · amounts in ${report.currency}`, { grey: true });
  w.paragraph(report.filedReturnId ? 'Filed: this period is locked.' : 'Not filed: a draft of the return.', {
    bold: true,
  });
  w.gap(10);

  const right = A4.width - MARGIN;
  const cols = {
    code: { x: MARGIN, width: 50 },
    name: { x: 102, width: 120 },
    side: { x: 224, width: 70 },
    rate: { x: 296, width: 40 },
    box: { x: 338, width: 50 },
    base: { x: 390, width: 70 },
    tax: { x: 462, width: right - 462 },
  };
  w.paragraph('Per tax code', { bold: true, size: 10 });
  w.row(
    [
      { text: 'Code', ...cols.code, bold: true },
      { text: 'Name', ...cols.name, bold: true },
      { text: 'Side', ...cols.side, bold: true },
      { text: 'Rate', ...cols.rate, align: 'right', bold: true },
      { text: 'Boxes', ...cols.box, bold: true },
      { text: 'Taxable', ...cols.base, align: 'right', bold: true },
      { text: 'Tax', ...cols.tax, align: 'right', bold: true },
    ],
    8,
  );
  w.rule();
  if (report.codes.length === 0) w.paragraph('No taxed documents in the period.', { grey: true });
  for (const c of report.codes)
    w.row([
      { text: c.code, ...cols.code },
      { text: c.name, ...cols.name },
      { text: c.selfAssessed ? 'self-assessed' : c.side, ...cols.side },
      { text: `${percent(c.rate)} %`, ...cols.rate, align: 'right' },
      { text: [c.netBox, c.box].filter(Boolean).join(' / '), ...cols.box },
      { text: grouped(c.base), ...cols.base, align: 'right' },
      { text: grouped(c.tax), ...cols.tax, align: 'right' },
    ]);
  w.rule();

  w.gap(12);
  w.ensureSpace(60);
  w.paragraph('Per reporting box', { bold: true, size: 10 });
  for (const b of report.boxes)
    w.row([
      { text: `Box ${b.box}`, x: MARGIN, width: 200 },
      { text: grouped(b.amount), x: 390, width: right - 390, align: 'right' },
    ]);
  w.rule();
  for (const [label, amount, bold] of [
    ['Output tax', report.outputTax, false],
    ['Input tax', report.inputTax, false],
    ['Net payable (output minus input)', report.netPayable, true],
  ] as const)
    w.row([
      { text: label, x: MARGIN, width: 300, bold },
      { text: `${grouped(amount)} ${report.currency}`, x: 360, width: right - 360, align: 'right', bold },
    ]);

  if (report.accounts.length > 0) {
    w.gap(12);
    w.ensureSpace(50);
    w.paragraph('Tie-out against the tax accounts (credit minus debit)', { bold: true, size: 10 });
    for (const a of report.accounts)
      w.row([
        { text: `${a.code} ${a.name}`, x: MARGIN, width: 200 },
        { text: `documents ${grouped(a.fromDocuments)}`, x: 252, width: 110, align: 'right' },
        { text: `ledger ${grouped(a.ledger)}`, x: 364, width: 100, align: 'right' },
        { text: `difference ${grouped(a.difference)}`, x: 466, width: right - 466, align: 'right' },
      ]);
  }
  return w.finish(`${settings.legal_name} · tax return ${report.from} – ${report.to}`);
}

/** A rate as a fraction ("0.2") shown as a percentage ("20"), exactly. */
const percent = (rate: string): string => new Decimal(rate).times(100).toString();
