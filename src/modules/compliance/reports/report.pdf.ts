import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import { displayTime, type ReportDocument, type ReportTable } from './report.document.js';

/**
 * A report as a PDF (docs/adr/0024), drawn with pdf-lib like Analytics' exports (docs/adr/0019):
 * landscape A4, the standard Helvetica fonts (characters outside Windows-1252 print as `?`), tables
 * whose cells wrap, their header repeated on each page, "Page n of m" with the template version and
 * as-of time on every page. Deterministic: the document's dates are the as-of time, pdf-lib's own
 * "now" is never written, and there is no random id.
 */

const PAGE = { width: 841.89, height: 595.28 } as const;
const MARGIN = 36;
const SIZE = 7.5;
const LEADING = SIZE * 1.3;
const PAD = 3;
/** A cell longer than this many lines is cut (the XLSX holds the full text). */
const MAX_LINES = 14;

class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  readonly #charset: Set<number>;

  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly grey: RGB,
    readonly rule: RGB,
    readonly black: RGB,
  ) {
    this.#charset = new Set(regular.getCharacterSet());
    this.newPage();
  }

  get width() {
    return PAGE.width - 2 * MARGIN;
  }

  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN;
  }

  /** Starts a new page unless `height` fits above the footer; true when it did. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN + 14) return false;
    this.newPage();
    return true;
  }

  clean(text: string): string {
    let out = '';
    for (const ch of text.normalize('NFC').replace(/\t/g, ' '))
      out += ch === '\n' || this.#charset.has(ch.codePointAt(0)!) ? ch : '?';
    return out;
  }

  widthOf(text: string, size: number, bold = false) {
    return (bold ? this.bold : this.regular).widthOfTextAtSize(text, size);
  }

  /** `text` broken into lines that fit `width` (words, then characters for a long word). */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    const lines: string[] = [];
    for (const paragraph of this.clean(text).split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(/ +/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.widthOf(candidate, size, bold) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        let rest = word;
        while (this.widthOf(rest, size, bold) > width && rest.length > 1) {
          let cut = rest.length - 1;
          while (cut > 1 && this.widthOf(rest.slice(0, cut), size, bold) > width) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  text(text: string, x: number, y: number, size: number, options: { bold?: boolean; grey?: boolean } = {}) {
    if (!text) return;
    this.page.drawText(text, {
      x,
      y,
      size,
      font: options.bold ? this.bold : this.regular,
      color: options.grey ? this.grey : this.black,
    });
  }

  paragraph(text: string, size: number, options: { bold?: boolean; grey?: boolean } = {}) {
    for (const line of this.wrap(text, this.width, size, options.bold)) {
      this.ensure(size * 1.5);
      this.y -= size * 1.5;
      this.text(line, MARGIN, this.y, size, options);
    }
  }
}

function drawTable(w: Writer, table: ReportTable) {
  const total = table.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * w.width);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const measure = (cells: readonly string[], bold: boolean) => {
    const lines = cells.map((cell, i) => {
      const wrapped = w.wrap(cell, widths[i]! - 2 * PAD, SIZE, bold);
      return wrapped.length > MAX_LINES
        ? [...wrapped.slice(0, MAX_LINES - 1), '... (the XLSX has the full text)']
        : wrapped;
    });
    return { lines, bold, height: Math.max(1, ...lines.map((l) => l.length)) * LEADING + 2 * PAD };
  };
  const draw = (row: ReturnType<typeof measure>, shade: boolean) => {
    if (shade)
      w.page.drawRectangle({ x: MARGIN, y: w.y - row.height, width: w.width, height: row.height, color: w.rule });
    row.lines.forEach((lines, i) =>
      lines.forEach((line, n) =>
        w.text(line, xs[i]! + PAD, w.y - PAD - (n + 1) * LEADING + 2, SIZE, { bold: row.bold }),
      ),
    );
    w.y -= row.height;
    w.page.drawLine({
      start: { x: MARGIN, y: w.y },
      end: { x: MARGIN + w.width, y: w.y },
      thickness: 0.3,
      color: w.grey,
    });
  };
  const header = measure(
    table.columns.map((c) => c.header),
    true,
  );
  // The title stays with the header and a first row.
  w.ensure(header.height + 60);
  w.y -= 8;
  w.paragraph(table.title, 11, { bold: true });
  w.y -= 2;
  draw(header, true);
  if (table.rows.length === 0) {
    w.paragraph(table.empty ?? 'None.', SIZE, { grey: true });
    return;
  }
  table.rows.forEach((cells, i) => {
    const row = measure(cells, table.emphasis?.has(i) ?? false);
    if (w.ensure(row.height)) draw(header, true);
    draw(row, false);
  });
}

export async function reportPdf(document: ReportDocument): Promise<Buffer> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  // updateMetadata: false — pdf-lib would otherwise stamp the current time as creation and modification date.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const at = new Date(document.asOf);
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  doc.setProducer('MOMS Compliance (pdf-lib)');
  doc.setCreator(`MOMS Compliance, template ${document.templateVersion}`);
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
    rgb(0.4, 0.4, 0.4),
    rgb(0.82, 0.86, 0.92),
    rgb(0, 0, 0),
  );
  doc.setTitle(w.clean(document.title));
  w.paragraph(document.title, 16, { bold: true });
  w.paragraph(document.subtitle, 9, { grey: true });
  w.y -= 4;
  for (const [label, value] of document.facts) w.paragraph(`${label}: ${value}`, 8);
  if (document.summary.length > 0) {
    w.y -= 6;
    w.paragraph('Summary', 11, { bold: true });
    for (const [label, value] of document.summary) w.paragraph(`${label}: ${value}`, 8);
  }
  for (const table of document.tables) drawTable(w, table);
  const count = w.pages.length;
  const footer = `${document.title} - template ${document.templateVersion} - as of ${displayTime(document.asOf)}`;
  w.pages.forEach((page, i) => {
    w.page = page;
    const label = `Page ${i + 1} of ${count}`;
    w.text(label, PAGE.width - MARGIN - w.widthOf(label, 7), MARGIN - 14, 7, { grey: true });
    w.text(w.wrap(footer, w.width - 80, 7)[0]!, MARGIN, MARGIN - 14, 7, { grey: true });
  });
  return Buffer.from(await doc.save());
}
