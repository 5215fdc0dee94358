import type { Color, PDFDocument, PDFFont, PDFImage, PDFPage } from 'pdf-lib';

/**
 * A small flowing layout over pdf-lib: A4 pages, a cursor moving down, text in Helvetica (the PDF
 * standard fonts: nothing to embed or load from disk, so it runs in a Lambda bundle), wrapped
 * paragraphs, table rows with aligned cells, a footer on every page. Characters the standard fonts
 * cannot show (outside Windows-1252) print as `?` rather than failing the document. pdf-lib is
 * imported on the first PDF (it takes a moment to load: the API's cold start does not pay for it).
 */

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 50;
const FOOTER_SPACE = 40;

export interface Cell {
  text: string;
  x: number;
  width: number;
  align?: 'left' | 'right';
  bold?: boolean;
}

export class PdfWriter {
  page!: PDFPage;
  y = 0;
  private pages: PDFPage[] = [];
  private charset: Set<number>;

  private constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly colors: { grey: Color; black: Color },
  ) {
    this.charset = new Set(regular.getCharacterSet());
    this.newPage();
  }

  static async create(title: string, author: string): Promise<PdfWriter> {
    const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    if (author) doc.setAuthor(author);
    doc.setCreator('MOMS');
    doc.setProducer('MOMS (pdf-lib)');
    const writer = new PdfWriter(
      doc,
      await doc.embedFont(StandardFonts.Helvetica),
      await doc.embedFont(StandardFonts.HelveticaBold),
      { grey: rgb(0.4, 0.4, 0.4), black: rgb(0, 0, 0) },
    );
    writer.doc.setTitle(writer.clean(title));
    return writer;
  }

  get contentWidth(): number {
    return A4.width - 2 * MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN;
  }

  /** Starts a new page unless `height` fits above the footer. */
  ensureSpace(height: number): void {
    if (this.y - height < MARGIN + FOOTER_SPACE) this.newPage();
  }

  /** The text with what the standard fonts cannot encode replaced (tabs and line breaks become spaces). */
  clean(text: string): string {
    let out = '';
    for (const ch of text.normalize('NFC').replace(/[\t\r\n]+/g, ' ')) {
      out += this.charset.has(ch.codePointAt(0)!) ? ch : '?';
    }
    return out;
  }

  width(text: string, size: number, bold = false): number {
    return (bold ? this.bold : this.regular).widthOfTextAtSize(this.clean(text), size);
  }

  /** Draws one line at the cursor's baseline (x from the left edge), without moving the cursor. */
  draw(text: string, x: number, size = 9, options: { bold?: boolean; grey?: boolean; y?: number } = {}): void {
    const clean = this.clean(text);
    if (clean === '') return;
    this.page.drawText(clean, {
      x,
      y: options.y ?? this.y,
      size,
      font: options.bold ? this.bold : this.regular,
      color: options.grey ? this.colors.grey : this.colors.black,
    });
  }

  /** `text` broken into lines no wider than `width` (newlines kept; long words cut). */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.width(candidate, size, bold) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        while (this.width(line, size, bold) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.width(line.slice(0, cut), size, bold) > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** A wrapped paragraph at the cursor; the cursor moves below it. */
  paragraph(text: string, options: { x?: number; width?: number; size?: number; bold?: boolean; grey?: boolean } = {}) {
    const size = options.size ?? 9;
    const x = options.x ?? MARGIN;
    for (const line of this.wrap(text, options.width ?? this.contentWidth, size, options.bold)) {
      this.ensureSpace(size * 1.4);
      this.y -= size * 1.4;
      this.draw(line, x, size, options);
    }
  }

  /** One table row: each cell wrapped in its width; the cursor moves below the tallest cell. */
  row(cells: readonly Cell[], size = 9): void {
    const wrapped = cells.map((c) => this.wrap(c.text, c.width, size, c.bold));
    const height = Math.max(1, ...wrapped.map((w) => w.length)) * size * 1.3 + 3;
    this.ensureSpace(height);
    const top = this.y;
    cells.forEach((cell, i) => {
      wrapped[i]!.forEach((line, n) => {
        const y = top - size * 1.3 * (n + 1);
        const x = cell.align === 'right' ? cell.x + cell.width - this.width(line, size, cell.bold) : cell.x;
        this.draw(line, x, size, { bold: cell.bold ?? false, y });
      });
    });
    this.y = top - height;
  }

  /** A thin horizontal rule across the content width at the cursor. */
  rule(): void {
    this.y -= 2;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4.width - MARGIN, y: this.y },
      thickness: 0.5,
      color: this.colors.grey,
    });
    this.y -= 4;
  }

  gap(points: number): void {
    this.y -= points;
  }

  async image(bytes: Uint8Array, contentType: string): Promise<PDFImage> {
    return contentType === 'image/png' ? this.doc.embedPng(bytes) : this.doc.embedJpg(bytes);
  }

  /** A square of dark modules (a QR code) with its top-left corner at (x, top). */
  modules(matrix: readonly (readonly boolean[])[], x: number, top: number, size: number): void {
    const cell = size / matrix.length;
    matrix.forEach((row, r) =>
      row.forEach((dark, c) => {
        if (dark)
          this.page.drawRectangle({
            x: x + c * cell,
            y: top - (r + 1) * cell,
            width: cell,
            height: cell,
            color: this.colors.black,
          });
      }),
    );
  }

  /** Writes `footer` and "Page n of m" at the bottom of every page, then the file's bytes. */
  async finish(footer: string): Promise<Uint8Array> {
    const total = this.pages.length;
    const lines = this.wrap(footer, this.contentWidth - 70, 7).slice(0, 3);
    this.pages.forEach((page, i) => {
      this.page = page;
      lines.forEach((line, n) => this.draw(line, MARGIN, 7, { grey: true, y: MARGIN - 10 - n * 9 }));
      const label = `Page ${i + 1} of ${total}`;
      this.draw(label, A4.width - MARGIN - this.width(label, 7), 7, { grey: true, y: MARGIN - 10 });
    });
    return this.doc.save();
  }
}

/** A decimal string with thousands separators: "-1234567.5" → "-1,234,567.5" (no float on the way). */
export function grouped(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = (negative ? amount.slice(1) : amount).split('.');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${withCommas}${fraction !== undefined ? `.${fraction}` : ''}`;
}
