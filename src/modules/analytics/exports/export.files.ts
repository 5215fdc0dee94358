import ExcelJS from 'exceljs';
import { csvLine } from '../../../platform/http/csv-export.js';
import type { Visualization } from '../analytics.tables.js';
import type { QueryResultT, ResultColumnT } from '../query/query.schemas.js';

/** One part of an export: a question's result under a title (a dashboard has one per card). */
export interface ExportSheet {
  title: string;
  result: QueryResultT | null;
  /** Why the card has no result (the reader lost access to its dataset). */
  problem: string | null;
  /** How the question shows (the PDF draws bar and line charts, a number in large type). */
  visualization?: Visualization;
}

export interface ExportMeta {
  title: string;
  asOf: string;
  filters: string;
}

const headerOf = (columns: readonly ResultColumnT[]) =>
  columns.map((c) => (c.grain ? `${c.label} (${c.grain})` : c.label));

/** CSV: each sheet's title line, its header and rows, then its totals; sheets apart by a blank line. */
export function toCsvText(meta: ExportMeta, sheets: readonly ExportSheet[]): string {
  let text = csvLine([meta.title]) + csvLine([`As of ${meta.asOf}`]) + csvLine([meta.filters]);
  for (const sheet of sheets) {
    text += '\r\n' + csvLine([sheet.title]);
    if (!sheet.result) {
      text += csvLine([sheet.problem ?? 'No result']);
      continue;
    }
    const { columns, rows, totals } = sheet.result;
    text += csvLine(headerOf(columns));
    for (const row of rows) text += csvLine(columns.map((c) => row[c.name] ?? null));
    for (const total of totals)
      text += csvLine(
        columns.map((c, i) => (i === 0 && total[c.name] === undefined ? 'Total' : (total[c.name] ?? null))),
      );
  }
  return text;
}

/** A cell as Excel should hold it: numbers as numbers, dates as dates, the rest as text. */
function cell(column: ResultColumnT, value: string | number | boolean | null | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if ((column.type === 'number' || column.type === 'money') && typeof value === 'string') return Number(value);
  if (column.type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  return value;
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 27)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * XLSX: an "About" sheet (title, as-of time, filters), then one sheet per part: a bold header,
 * the rows with numbers and amounts as number cells and dates as date cells, then the totals.
 */
export async function toXlsx(meta: ExportMeta, sheets: readonly ExportSheet[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MOMS Analytics';
  book.created = new Date(meta.asOf);
  const used = new Set<string>(['about']);
  const about = book.addWorksheet('About');
  about.addRows([[meta.title], ['As of', new Date(meta.asOf)], ['Filters', meta.filters]]);
  about.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm:ss';
  about.getColumn(1).width = 14;
  about.getColumn(2).width = 60;
  for (const part of sheets) {
    const sheet = book.addWorksheet(sheetName(part.title, used));
    sheet.addRow([part.title]).font = { bold: true, size: 13 };
    if (!part.result) {
      sheet.addRow([part.problem ?? 'No result']);
      continue;
    }
    const { columns, rows, totals } = part.result;
    sheet.addRow(headerOf(columns)).font = { bold: true };
    columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = Math.max(12, Math.min(40, c.label.length + 4));
      if (c.type === 'money') column.numFmt = '#,##0.00';
      else if (c.type === 'date') column.numFmt = 'yyyy-mm-dd';
    });
    for (const row of rows) sheet.addRow(columns.map((c) => cell(c, row[c.name])));
    for (const total of totals) {
      const line = sheet.addRow(columns.map((c) => cell(c, total[c.name])));
      if (line.getCell(1).value === null) line.getCell(1).value = 'Total';
      line.font = { bold: true };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
