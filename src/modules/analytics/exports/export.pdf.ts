import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import type { Visualization } from '../analytics.tables.js';
import type { ResultColumnT } from '../query/query.schemas.js';
import type { ExportMeta, ExportSheet } from './export.files.js';

/**
 * A question or a dashboard as a PDF (docs/adr/0019): drawn with pdf-lib (pure JavaScript, the PDF
 * standard fonts, no browser): a header (title, as-of time, filters), then each card — its chart
 * as vector shapes (bars, or a line for line and area questions; a single number in large type)
 * and its table with the totals. Landscape A4; "Page n of m" on every page. Characters outside
 * Windows-1252 print as `?` (the standard fonts' range), never failing the file.
 */

const PAGE = { width: 841.89, height: 595.28 } as const;
const MARGIN = 36;
const MAX_TABLE_ROWS = 500;
const MAX_POINTS = 60;
const CHART_HEIGHT = 170;

type Cell = string | number | boolean | null | undefined;

class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  private readonly charset: Set<number>;

  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly color: (r: number, g: number, b: number) => Color,
  ) {
    this.charset = new Set(regular.getCharacterSet());
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

  ensure(height: number) {
    if (this.y - height < MARGIN + 16) this.newPage();
  }

  clean(text: string): string {
    let out = '';
    for (const ch of text.normalize('NFC').replace(/[\t\r\n]+/g, ' '))
      out += this.charset.has(ch.codePointAt(0)!) ? ch : '?';
    return out;
  }

  textWidth(text: string, size: number, bold = false) {
    return (bold ? this.bold : this.regular).widthOfTextAtSize(this.clean(text), size);
  }

  /** `text` cut with an ellipsis to fit `width`. */
  fit(text: string, width: number, size: number, bold = false): string {
    const clean = this.clean(text);
    if (this.textWidth(clean, size, bold) <= width) return clean;
    let cut = clean.length;
    while (cut > 0 && this.textWidth(`${clean.slice(0, cut)}...`, size, bold) > width) cut--;
    return `${clean.slice(0, cut)}...`;
  }

  text(text: string, x: number, y: number, size = 8, options: { bold?: boolean; grey?: boolean } = {}) {
    const clean = this.clean(text);
    if (!clean) return;
    this.page.drawText(clean, {
      x,
      y,
      size,
      font: options.bold ? this.bold : this.regular,
      color: options.grey ? this.color(0.4, 0.4, 0.4) : this.color(0, 0, 0),
    });
  }

  line(size: number, text: string, options: { bold?: boolean; grey?: boolean } = {}) {
    this.ensure(size * 1.5);
    this.y -= size * 1.5;
    this.text(this.fit(text, this.width, size, options.bold), MARGIN, this.y, size, options);
  }
}

const numeric = (c: ResultColumnT) => c.type === 'number' || c.type === 'money';

/** A decimal string grouped by thousands ("-1234567.5" → "-1,234,567.5"), never through a float. */
export function groupDigits(value: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!m) return value;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

function display(column: ResultColumnT, value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  if (column.type === 'money' && /^-?\d+(\.\d+)?$/.test(text)) {
    const [int, frac = ''] = text.split('.');
    return groupDigits(`${int}.${(frac + '00').slice(0, Math.max(2, frac.replace(/0+$/, '').length))}`);
  }
  return column.type === 'number' ? groupDigits(text) : text;
}

interface ChartData {
  kind: 'bar' | 'line';
  label: string;
  points: { x: string; y: number }[];
}

/**
 * What the chart shows: the first measure that is a number or an amount, over the first dimension
 * (not a currency); amounts only in the first row's currency (never drawn across currencies).
 * Null when the result has nothing to draw (no dimension, no numeric measure, no rows).
 */
export function chartData(
  visualization: Visualization,
  columns: readonly ResultColumnT[],
  rows: readonly Record<string, Cell>[],
): ChartData | null {
  if (visualization === 'table' || visualization === 'number' || visualization === 'pivot') return null;
  const measure = columns.find((c) => c.kind === 'measure' && numeric(c));
  if (!measure) return null;
  const currencies = new Set(columns.map((c) => c.currencyField).filter((c): c is string => c !== null));
  const dimension = columns.find((c) => c.kind === 'dimension' && !currencies.has(c.name));
  if (!dimension) return null;
  const currency = measure.currencyField ? rows[0]?.[measure.currencyField] : undefined;
  const sums = new Map<string, number>();
  for (const row of rows) {
    if (measure.currencyField && row[measure.currencyField] !== currency) continue;
    const x = display(dimension, row[dimension.name]) || '(empty)';
    const y = Number(row[measure.name] ?? 0);
    if (!Number.isFinite(y)) continue;
    if (!sums.has(x) && sums.size >= MAX_POINTS) continue;
    sums.set(x, (sums.get(x) ?? 0) + y);
  }
  if (sums.size === 0) return null;
  return {
    kind: visualization === 'line' || visualization === 'area' ? 'line' : 'bar',
    label: `${measure.label}${typeof currency === 'string' ? ` (${currency})` : ''} by ${dimension.label}`,
    points: [...sums.entries()].map(([x, y]) => ({ x, y })),
  };
}

/** Round steps for an axis from 0 (or the minimum below 0) to the maximum. */
function ticks(min: number, max: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 0.001; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1]! < max) out.push(out[out.length - 1]! + step);
  return out;
}

function shortNumber(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e9) return `${Number((v / 1e9).toPrecision(3))}B`;
  if (abs >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}

function drawChart(w: Writer, chart: ChartData) {
  w.ensure(CHART_HEIGHT + 30);
  w.y -= 12;
  w.text(w.fit(chart.label, w.width, 8, true), MARGIN, w.y, 8, { bold: true });
  const top = w.y - 8;
  const bottom = top - CHART_HEIGHT + 28;
  const left = MARGIN + 44;
  const right = MARGIN + w.width;
  const values = chart.points.map((p) => p.y);
  const axis = ticks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = axis[0]!;
  const hi = axis[axis.length - 1]!;
  const yOf = (v: number) => bottom + ((v - lo) / (hi - lo || 1)) * (top - bottom);
  const grey = w.color(0.85, 0.85, 0.85);
  for (const t of axis) {
    const y = yOf(t);
    w.page.drawLine({ start: { x: left, y }, end: { x: right, y }, thickness: 0.4, color: grey });
    const label = shortNumber(t);
    w.text(label, left - 4 - w.textWidth(label, 7), y - 2.5, 7, { grey: true });
  }
  const slot = (right - left) / chart.points.length;
  const labelEvery = Math.max(1, Math.ceil((chart.points.length * 40) / (right - left)));
  const blue = w.color(0.16, 0.42, 0.75);
  const zero = yOf(0);
  chart.points.forEach((p, i) => {
    const cx = left + slot * (i + 0.5);
    if (chart.kind === 'bar') {
      const barWidth = Math.max(1, slot * 0.7);
      const y = yOf(p.y);
      w.page.drawRectangle({
        x: cx - barWidth / 2,
        y: Math.min(y, zero),
        width: barWidth,
        height: Math.max(0.5, Math.abs(y - zero)),
        color: blue,
      });
    } else if (i > 0) {
      const prev = chart.points[i - 1]!;
      w.page.drawLine({
        start: { x: left + slot * (i - 0.5), y: yOf(prev.y) },
        end: { x: cx, y: yOf(p.y) },
        thickness: 1.5,
        color: blue,
      });
    }
    if (chart.kind === 'line') w.page.drawCircle({ x: cx, y: yOf(p.y), size: 1.8, color: blue });
    if (i % labelEvery === 0) {
      const label = w.fit(p.x, slot * labelEvery - 2, 6.5);
      w.text(label, cx - w.textWidth(label, 6.5) / 2, bottom - 10, 6.5, { grey: true });
    }
  });
  w.page.drawLine({ start: { x: left, y: zero }, end: { x: right, y: zero }, thickness: 0.8, color: w.color(0, 0, 0) });
  w.y = bottom - 18;
}

function drawTable(
  w: Writer,
  columns: readonly ResultColumnT[],
  rows: readonly Record<string, Cell>[],
  totals: readonly Record<string, Cell>[],
) {
  const size = 7.5;
  const height = size * 1.6;
  const colWidth = w.width / Math.max(1, columns.length);
  const cells = (values: string[], bold: boolean) => {
    w.ensure(height);
    w.y -= height;
    values.forEach((v, i) => {
      const text = w.fit(v, colWidth - 6, size, bold);
      const column = columns[i]!;
      const x = numeric(column)
        ? MARGIN + colWidth * (i + 1) - 3 - w.textWidth(text, size, bold)
        : MARGIN + colWidth * i;
      w.text(text, x, w.y + 3, size, { bold });
    });
  };
  const header = () => {
    cells(
      columns.map((c) => (c.grain ? `${c.label} (${c.grain})` : c.label)),
      true,
    );
    w.page.drawLine({
      start: { x: MARGIN, y: w.y + 1 },
      end: { x: MARGIN + w.width, y: w.y + 1 },
      thickness: 0.5,
      color: w.color(0.4, 0.4, 0.4),
    });
  };
  header();
  rows.slice(0, MAX_TABLE_ROWS).forEach((row) => {
    const before = w.pages.length;
    w.ensure(height);
    if (w.pages.length !== before) header();
    cells(
      columns.map((c) => display(c, row[c.name])),
      false,
    );
  });
  if (rows.length > MAX_TABLE_ROWS)
    w.line(7.5, `... ${rows.length - MAX_TABLE_ROWS} more rows (in the XLSX or CSV export)`, { grey: true });
  for (const total of totals)
    cells(
      columns.map((c, i) => (i === 0 && total[c.name] === undefined ? 'Total' : display(c, total[c.name]))),
      true,
    );
}

/** The PDF of a question (one part) or a dashboard (a part per card). */
export async function toPdf(meta: ExportMeta, sheets: readonly ExportSheet[]): Promise<Buffer> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setCreator('MOMS Analytics');
  doc.setProducer('MOMS (pdf-lib)');
  doc.setCreationDate(new Date(meta.asOf));
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
    rgb,
  );
  doc.setTitle(w.clean(meta.title));
  w.line(16, meta.title, { bold: true });
  w.line(8, `As of ${meta.asOf.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`, { grey: true });
  w.line(8, meta.filters, { grey: true });
  for (const sheet of sheets) {
    const visualization = sheet.visualization ?? 'table';
    const chart = sheet.result ? chartData(visualization, sheet.result.columns, sheet.result.rows) : null;
    // The card's title stays with its chart (or the first rows of its table).
    w.ensure(chart ? CHART_HEIGHT + 70 : 90);
    w.y -= 10;
    w.line(12, sheet.title, { bold: true });
    if (!sheet.result) {
      w.line(9, sheet.problem ?? 'No result');
      continue;
    }
    const { columns, rows, totals } = sheet.result;
    if (visualization === 'number' && rows.length > 0) {
      const measure = columns.find((c) => c.kind === 'measure') ?? columns[0]!;
      w.line(22, display(measure, rows[0]![measure.name]), { bold: true });
      w.line(8, measure.label, { grey: true });
    }
    if (chart) drawChart(w, chart);
    drawTable(w, columns, rows, totals);
    if (sheet.result.truncated) w.line(7.5, 'More rows matched than the question’s limit.', { grey: true });
  }
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    w.page = page;
    const label = `Page ${i + 1} of ${total}`;
    w.text(label, PAGE.width - MARGIN - w.textWidth(label, 7), MARGIN - 14, 7, { grey: true });
    w.text(w.fit(meta.title, w.width - 80, 7), MARGIN, MARGIN - 14, 7, { grey: true });
  });
  return Buffer.from(await doc.save());
}
