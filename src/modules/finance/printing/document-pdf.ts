import { Decimal } from 'decimal.js';
import type { DocumentDto } from '../documents/documents.schemas.js';
import { epcPayload, qrMatrix } from './epc-qr.js';
import { A4, grouped, MARGIN, PdfWriter } from './pdf-layout.js';
import type { CompanyProfileRow } from './company-profile.service.js';
import { addressLines, effectiveTexts } from './company-profile.service.js';
import { groupedReference, rfReference } from './rf-reference.js';
import { fillTemplate } from './template-text.js';

export interface Logo {
  bytes: Uint8Array;
  contentType: string;
}

export interface PrintParty {
  name: string;
  taxId: string | null;
  email: string | null;
}

export const KIND_TITLES: Record<DocumentDto['kind'], string> = {
  invoice: 'Invoice',
  'credit-note': 'Credit note',
  bill: 'Bill',
  'vendor-credit': 'Vendor credit',
};

/** The RF reference of an issued document (from its number), or '' for a draft. */
export function paymentReference(doc: Pick<DocumentDto, 'number'>): string {
  return doc.number ? rfReference(doc.number) : '';
}

/** The values of the editable texts' placeholders for one document (plain text). */
export function documentValues(
  doc: DocumentDto,
  party: PrintParty,
  settings: CompanyProfileRow,
): Record<string, string> {
  const reference = paymentReference(doc);
  return {
    companyName: settings.legal_name,
    partyName: party.name,
    documentType: KIND_TITLES[doc.kind].toLowerCase(),
    documentNumber: doc.number ?? 'draft',
    documentDate: doc.date,
    dueDate: doc.dueDate,
    total: grouped(doc.total),
    amountDue: grouped(doc.open),
    currency: doc.currency,
    paymentReference: reference ? groupedReference(reference) : '',
    iban: settings.iban.replace(/(.{4})(?=.)/g, '$1 '),
    bic: settings.bic,
  };
}

/** The company block (top right) and the logo (top left); returns the cursor below both. */
export async function drawLetterhead(w: PdfWriter, settings: CompanyProfileRow, logo: Logo | null): Promise<void> {
  const top = w.y;
  let logoBottom = top;
  if (logo) {
    try {
      const image = await w.image(logo.bytes, logo.contentType);
      const scale = Math.min(160 / image.width, 60 / image.height, 1);
      const height = image.height * scale;
      w.page.drawImage(image, { x: MARGIN, y: top - height, width: image.width * scale, height });
      logoBottom = top - height;
    } catch {
      // A logo the PDF library cannot read is left out rather than failing the document.
    }
  }
  const right = A4.width - MARGIN;
  const lines = [
    ...addressLines(settings),
    settings.vat_id ? `VAT ID: ${settings.vat_id}` : '',
    settings.registration,
    [settings.email, settings.phone].filter(Boolean).join(' · '),
  ].filter(Boolean);
  let y = top - 12;
  if (settings.legal_name) {
    w.draw(settings.legal_name, right - w.width(settings.legal_name, 12, true), 12, { bold: true, y });
    y -= 14;
  }
  for (const line of lines) {
    w.draw(line, right - w.width(line, 8), 8, { grey: true, y });
    y -= 10;
  }
  w.y = Math.min(y, logoBottom) - 16;
}

/** Label: value pairs (empty values left out) in a column at `x`; returns the y below the last. */
export function facts(w: PdfWriter, pairs: [string, string][], x: number): number {
  let y = w.y;
  for (const [label, value] of pairs) {
    if (!value) continue;
    y -= 12;
    w.draw(label, x, 8, { grey: true, y });
    w.draw(value, x + 80, 9, { y });
  }
  return y;
}

/** The party (left: a label, its name, tax ID and email) beside the document's facts (right); the cursor below both. */
export function drawPartyAndFacts(w: PdfWriter, label: string, party: PrintParty, pairs: [string, string][]): void {
  const startY = w.y;
  w.draw(label, MARGIN, 8, { grey: true, y: w.y - 12 });
  w.y -= 12;
  w.paragraph(party.name, { bold: true, size: 10, width: 230 });
  if (party.taxId) w.paragraph(`Tax ID: ${party.taxId}`, { width: 230 });
  if (party.email) w.paragraph(party.email, { width: 230 });
  const leftBottom = w.y;
  w.y = startY;
  const rightBottom = facts(w, pairs, 330);
  w.y = Math.min(leftBottom, rightBottom) - 14;
}

/**
 * The PDF of an invoice, credit note, bill or vendor credit: letterhead, the party, the dates, the
 * editable header, the lines, the totals with the tax breakdown per code (the document's own
 * snapshot: what it was charged), and for an invoice with something left to pay the payment details:
 * bank account, RF creditor reference, the editable payment text and an EPC QR code (EUR only).
 */
export async function renderDocumentPdf(
  doc: DocumentDto,
  party: PrintParty,
  settings: CompanyProfileRow,
  logo: Logo | null,
  extras: { creditsNumber?: string | null; instalments?: PrintInstalment[] } = {},
): Promise<Uint8Array> {
  const title = KIND_TITLES[doc.kind];
  const texts = effectiveTexts(settings);
  const values = documentValues(doc, party, settings);
  const w = await PdfWriter.create(`${title} ${doc.number ?? 'draft'}`, settings.legal_name);
  await drawLetterhead(w, settings, logo);

  const marker = doc.status === 'draft' ? 'DRAFT ' : doc.status === 'void' ? 'VOID ' : '';
  w.draw(`${marker}${title.toUpperCase()} ${doc.number ?? ''}`.trim(), MARGIN, 16, { bold: true });
  w.gap(10);
  drawPartyAndFacts(
    w,
    doc.kind === 'bill' || doc.kind === 'vendor-credit' ? 'From' : 'Bill to',
    party,
    [
      ['Date', doc.date],
      [doc.kind === 'invoice' || doc.kind === 'bill' ? 'Due date' : '', doc.dueDate],
      ['Number', doc.number ?? 'draft'],
      ['Reference', doc.reference],
      ['Currency', doc.currency],
      ['Credits', extras.creditsNumber ?? ''],
    ].filter(([label]) => label !== '') as [string, string][],
  );

  const header = fillTemplate(texts.headerText, values).trim();
  if (header) {
    w.paragraph(header);
    w.gap(8);
  }

  // Lines
  const cols = {
    description: { x: MARGIN, width: 215 },
    quantity: { x: 268, width: 45 },
    price: { x: 316, width: 70 },
    discount: { x: 389, width: 35 },
    tax: { x: 427, width: 38 },
    amount: { x: 468, width: A4.width - MARGIN - 468 },
  };
  w.row(
    [
      { text: 'Description', ...cols.description, bold: true },
      { text: 'Qty', ...cols.quantity, align: 'right', bold: true },
      { text: 'Unit price', ...cols.price, align: 'right', bold: true },
      { text: 'Disc. %', ...cols.discount, align: 'right', bold: true },
      { text: 'Tax %', ...cols.tax, align: 'right', bold: true },
      { text: 'Amount', ...cols.amount, align: 'right', bold: true },
    ],
    8,
  );
  w.rule();
  for (const line of doc.lines) {
    w.row([
      { text: line.description || '—', ...cols.description },
      { text: grouped(line.quantity), ...cols.quantity, align: 'right' },
      { text: grouped(line.unitPrice), ...cols.price, align: 'right' },
      { text: line.discountPercent === '0' ? '' : line.discountPercent, ...cols.discount, align: 'right' },
      { text: line.taxRate, ...cols.tax, align: 'right' },
      { text: grouped(line.net), ...cols.amount, align: 'right' },
    ]);
  }
  w.rule();
  if (doc.pricesIncludeTax)
    w.paragraph('Unit prices include tax; amounts are shown net of tax.', { grey: true, size: 8 });

  // Totals
  const labelX = 330;
  const total = (label: string, value: string, bold = false) =>
    w.row(
      [
        { text: label, x: labelX, width: 135, bold },
        { text: `${grouped(value)} ${doc.currency}`, x: 468, width: A4.width - MARGIN - 468, align: 'right', bold },
      ],
      bold ? 10 : 9,
    );
  w.gap(4);
  total('Subtotal', doc.subtotal);
  total('Tax', doc.taxTotal);
  total('Total', doc.total, true);
  if (doc.status !== 'draft' && doc.allocated !== '0.00' && Number(doc.allocated) !== 0) {
    total(doc.kind === 'credit-note' || doc.kind === 'vendor-credit' ? 'Applied' : 'Paid', doc.allocated);
    total(doc.kind === 'credit-note' || doc.kind === 'vendor-credit' ? 'Left to apply' : 'Amount due', doc.open, true);
  }

  // The payment schedule of an invoice with instalments or an early-payment discount.
  const schedule = extras.instalments ?? [];
  const discounted = schedule.some((i) => i.discountUntil !== null && Number(i.discountAmount) !== 0);
  if (doc.kind === 'invoice' && doc.status !== 'void' && (schedule.length > 1 || discounted)) {
    w.gap(12);
    w.ensureSpace(30 + 12 * schedule.length);
    w.paragraph('Payment schedule', { bold: true, size: 10 });
    w.gap(2);
    for (const i of schedule) {
      const discount =
        i.discountUntil !== null && Number(i.discountAmount) !== 0
          ? ` — or ${grouped(subtractDecimal(i.amount, i.discountAmount))} ${doc.currency} if paid by ${i.discountUntil} (early-payment discount ${grouped(i.discountAmount)})`
          : '';
      w.row([
        { text: `${i.seq}. due ${i.dueDate}${discount}`, x: MARGIN, width: 400 },
        { text: `${grouped(i.amount)} ${doc.currency}`, x: 468, width: A4.width - MARGIN - 468, align: 'right' },
      ]);
    }
  }

  // Tax breakdown per code (the document's snapshot)
  if (doc.taxes.length > 0) {
    w.gap(12);
    w.ensureSpace(40);
    w.paragraph('Tax breakdown', { bold: true, size: 10 });
    w.gap(2);
    const tcols = {
      code: { x: MARGIN, width: 70 },
      name: { x: 123, width: 200 },
      rate: { x: 326, width: 50 },
      base: { x: 379, width: 86 },
      tax: { x: 468, width: A4.width - MARGIN - 468 },
    };
    w.row(
      [
        { text: 'Code', ...tcols.code, bold: true },
        { text: 'Tax', ...tcols.name, bold: true },
        { text: 'Rate', ...tcols.rate, align: 'right', bold: true },
        { text: 'Taxable amount', ...tcols.base, align: 'right', bold: true },
        { text: 'Tax amount', ...tcols.tax, align: 'right', bold: true },
      ],
      8,
    );
    w.rule();
    for (const t of doc.taxes) {
      const note =
        t.treatment === 'exempt' || t.treatment === 'zero-rated'
          ? ` (${t.treatment}${t.exemptReason ? `: ${t.exemptReason}` : ''})`
          : t.treatment === 'reverse-charge'
            ? ` (reverse charge${t.selfAssessed ? ', self-assessed' : ''})`
            : '';
      w.row([
        { text: t.code || '—', ...tcols.code },
        { text: `${t.name}${note}`, ...tcols.name },
        { text: `${percent(t.rate)} %`, ...tcols.rate, align: 'right' },
        { text: grouped(t.base), ...tcols.base, align: 'right' },
        { text: grouped(t.tax), ...tcols.tax, align: 'right' },
      ]);
    }
  }

  // Payment details
  const reference = paymentReference(doc);
  if (doc.kind === 'invoice' && doc.status !== 'draft' && doc.status !== 'void' && Number(doc.open) > 0) {
    w.gap(14);
    w.ensureSpace(110);
    w.paragraph('Payment', { bold: true, size: 10 });
    const payment = fillTemplate(texts.paymentText, values).trim();
    if (payment) w.paragraph(payment, { width: 380 });
    const top = w.y;
    for (const [label, value] of [
      ['Bank', settings.bank_name],
      ['IBAN', values.iban ?? ''],
      ['BIC', settings.bic],
      ['Reference', reference ? groupedReference(reference) : ''],
      ['Amount', `${grouped(doc.open)} ${doc.currency}`],
    ] as const) {
      if (!value) continue;
      w.row([
        { text: label, x: MARGIN, width: 70 },
        { text: value, x: 123, width: 250, bold: label === 'Reference' },
      ]);
    }
    const epc = epcPayload({
      name: settings.legal_name,
      iban: settings.iban,
      bic: settings.bic,
      currency: doc.currency,
      amount: doc.open,
      reference,
    });
    if (epc) {
      w.modules(qrMatrix(epc), A4.width - MARGIN - 90, top + 10, 90);
      w.y = Math.min(w.y, top - 90);
    }
  }
  return w.finish(fillTemplate(texts.footerText, values));
}

/** An instalment as printed: its due date and amount, and its early-payment discount. */
export interface PrintInstalment {
  seq: number;
  dueDate: string;
  amount: string;
  discountUntil: string | null;
  discountAmount: string;
}

/** a − b on decimal strings of the same scale (exact: decimal.js). */
function subtractDecimal(a: string, b: string): string {
  const places = a.split('.')[1]?.length ?? 0;
  return new Decimal(a).minus(b).toFixed(places);
}

/** "0.2" → "20", "0.075" → "7.5" (string arithmetic on the decimal fraction, no float). */
export function percent(rate: string): string {
  const [whole = '0', fraction = ''] = rate.split('.');
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const point = whole.length + 2;
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return rest ? `${int}.${rest}` : int;
}
