import type { Db } from '../../../platform/db/database.js';
import type { FileStore } from '../../../platform/files/file-store.js';
import { getParty } from '../documents/parties.service.js';
import { drawLetterhead, drawPartyAndFacts, type Logo, type PrintParty } from './document-pdf.js';
import { A4, grouped, MARGIN, PdfWriter } from './pdf-layout.js';
import * as settingsRepo from './company-profile.repository.js';
import { effectiveTexts, type CompanyProfileRow } from './company-profile.service.js';
import { loadLogo, safeName, type RenderedPdf } from './printing.service.js';
import { fillTemplate } from './template-text.js';
import { commercialDocument, type CommercialDocumentInput, type CommercialDocumentT } from './commercial-document.js';

/** The placeholders of Finance's document texts (header, footer, email), for a commercial document. */
export function commercialValues(
  doc: CommercialDocumentT,
  party: PrintParty,
  settings: CompanyProfileRow,
): Record<string, string> {
  return {
    companyName: settings.legal_name,
    partyName: party.name,
    documentType: doc.title.toLowerCase(),
    documentNumber: doc.number,
    documentDate: doc.date,
    dueDate: doc.validUntil ?? '',
    total: grouped(doc.total),
    amountDue: grouped(doc.total),
    currency: doc.currency,
    paymentReference: '',
    iban: settings.iban.replace(/(.{4})(?=.)/g, '$1 '),
    bic: settings.bic,
  };
}

const zeroless = (value: string) => (/^-?0(\.0+)?$/.test(value) ? '' : value);

/** The PDF: letterhead, title and number, the party beside the dates, the lines, the totals, the notes. */
export async function renderCommercialPdf(
  doc: CommercialDocumentT,
  party: PrintParty,
  settings: CompanyProfileRow,
  logo: Logo | null,
): Promise<Uint8Array> {
  const texts = effectiveTexts(settings);
  const values = commercialValues(doc, party, settings);
  const w = await PdfWriter.create(`${doc.title} ${doc.number}`, settings.legal_name);
  await drawLetterhead(w, settings, logo);
  w.draw(`${doc.marker ? `${doc.marker} ` : ''}${doc.title.toUpperCase()} ${doc.number}`, MARGIN, 16, { bold: true });
  w.gap(10);
  drawPartyAndFacts(w, doc.partyLabel, party, [
    ['Date', doc.date],
    ['Valid until', doc.validUntil ?? ''],
    ['Number', doc.number],
    ['Reference', doc.reference],
    ['Currency', doc.currency],
  ]);
  const header = fillTemplate(texts.headerText, values).trim();
  if (header) {
    w.paragraph(header);
    w.gap(8);
  }

  const right = A4.width - MARGIN;
  const cols = {
    description: { x: MARGIN, width: 200 },
    quantity: { x: 253, width: 50 },
    unit: { x: 306, width: 40 },
    price: { x: 349, width: 70 },
    discount: { x: 422, width: 40 },
    amount: { x: 465, width: right - 465 },
  };
  w.row(
    [
      { text: 'Description', ...cols.description, bold: true },
      { text: 'Qty', ...cols.quantity, align: 'right', bold: true },
      { text: 'Unit', ...cols.unit, bold: true },
      { text: 'Unit price', ...cols.price, align: 'right', bold: true },
      { text: 'Disc. %', ...cols.discount, align: 'right', bold: true },
      { text: 'Amount', ...cols.amount, align: 'right', bold: true },
    ],
    8,
  );
  w.rule();
  for (const line of doc.lines) {
    w.row([
      { text: line.description || '—', ...cols.description },
      { text: grouped(line.quantity), ...cols.quantity, align: 'right' },
      { text: line.unit, ...cols.unit },
      { text: grouped(line.unitPrice), ...cols.price, align: 'right' },
      { text: zeroless(line.discountPercent), ...cols.discount, align: 'right' },
      { text: grouped(line.amount), ...cols.amount, align: 'right' },
    ]);
  }
  w.rule();

  const total = (label: string, value: string, bold = false) =>
    w.row(
      [
        { text: label, x: 330, width: 132, bold },
        { text: `${grouped(value)} ${doc.currency}`, x: 465, width: right - 465, align: 'right', bold },
      ],
      bold ? 10 : 9,
    );
  w.gap(4);
  total('Subtotal', doc.subtotal);
  if (doc.taxTotal !== null) total('Tax', doc.taxTotal);
  total('Total', doc.total, true);

  if (doc.notes.trim()) {
    w.gap(14);
    w.ensureSpace(40);
    w.paragraph('Notes', { bold: true, size: 10 });
    w.paragraph(doc.notes.trim());
  }
  return w.finish(fillTemplate(texts.footerText, values));
}

/** The party as printed (name, tax ID, email), through Finance's own parties (404 when unknown). */
export async function printParty(db: Db, partyId: string): Promise<PrintParty & { id: string }> {
  const party = await getParty(db, partyId);
  return { id: party.id, name: party.name, taxId: party.taxId, email: party.email };
}

/** The file name a commercial document's PDF is saved and attached as, e.g. `Quotation-SQ-00012.pdf`. */
export const commercialFileName = (doc: Pick<CommercialDocumentT, 'title' | 'number'>) =>
  `${safeName(`${doc.title}-${doc.number}`)}.pdf`;

/**
 * For other modules: the PDF of a commercial document they own (a quotation, a sales order), with
 * the company's letterhead, logo and texts from Finance's document settings. The party is looked up
 * by id in Finance (404 when it does not exist). `store` is where the logo is read from (null: none).
 */
export async function commercialDocumentPdf(
  db: Db,
  store: FileStore | null,
  input: CommercialDocumentInput,
): Promise<RenderedPdf> {
  const doc = commercialDocument().parse(input);
  const party = await printParty(db, doc.partyId);
  const settings = await settingsRepo.getCompanyProfile(db);
  const bytes = await renderCommercialPdf(doc, party, settings, await loadLogo(settings, store));
  return { bytes, fileName: commercialFileName(doc) };
}
