import ExcelJS from 'exceljs';
import { displayTime, type ReportDocument } from './report.document.js';

/**
 * A report as an XLSX workbook (docs/adr/0024), with exceljs like Analytics' exports: an "About" sheet
 * (title, parameters, as-of time, template version, summary), then one sheet per table with a bold,
 * frozen header, wrapped text and the full cell texts. Deterministic: the workbook's created and
 * modified dates are the as-of time, and so is every ZIP entry's date (exceljs's ZIP library stamps
 * entries with the current time; `fixZipDates` rewrites them).
 */

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

/** Excel refuses cells over 32,767 characters. */
const cell = (text: string) => (text.length > 32_000 ? `${text.slice(0, 32_000)}…` : text);

export async function reportXlsx(document: ReportDocument): Promise<Buffer> {
  const at = new Date(document.asOf);
  const book = new ExcelJS.Workbook();
  book.creator = 'MOMS Compliance';
  book.lastModifiedBy = 'MOMS Compliance';
  book.created = at;
  book.modified = at;
  book.title = document.title;
  book.subject = `template ${document.templateVersion}`;
  const used = new Set<string>(['about']);
  const about = book.addWorksheet('About');
  about.addRow([document.title]).font = { bold: true, size: 14 };
  about.addRow([document.subtitle]);
  about.addRow([]);
  for (const [label, value] of document.facts) about.addRow([label, cell(value)]);
  about.addRow(['As of (UTC)', displayTime(document.asOf)]);
  if (document.summary.length > 0) {
    about.addRow([]);
    about.addRow(['Summary']).font = { bold: true };
    for (const [label, value] of document.summary) about.addRow([label, cell(value)]);
  }
  about.getColumn(1).width = 28;
  about.getColumn(2).width = 90;
  for (const table of document.tables) {
    const sheet = book.addWorksheet(sheetName(table.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.columns.map((c) => c.header)).font = { bold: true };
    table.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = Math.max(8, Math.min(80, c.width));
      column.alignment = { wrapText: true, vertical: 'top' };
    });
    if (table.rows.length === 0) sheet.addRow([table.empty ?? 'None.']);
    table.rows.forEach((cells, i) => {
      const row = sheet.addRow(cells.map(cell));
      if (table.emphasis?.has(i)) row.font = { bold: true };
    });
  }
  return fixZipDates(Buffer.from(await book.xlsx.writeBuffer()), at);
}

/** MS-DOS date and time (local fields, two-second resolution) of a UTC instant. */
function dosDateTime(at: Date) {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/**
 * Sets every entry's modification date in a ZIP (local headers and the central directory) to `at`,
 * walking the central directory from the end record; a file that is not a plain ZIP is refused.
 */
export function fixZipDates(zip: Buffer, at: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, date } = dosDateTime(at);
  let end = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--)
    if (out.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw new Error('Not a ZIP file: no end of central directory.');
  const entries = out.readUInt16LE(end + 10);
  let offset = out.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(offset) !== 0x02014b50) throw new Error('Not a ZIP file: bad central directory.');
    out.writeUInt16LE(time, offset + 12);
    out.writeUInt16LE(date, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('Not a ZIP file: bad local header.');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    offset += 46 + out.readUInt16LE(offset + 28) + out.readUInt16LE(offset + 30) + out.readUInt16LE(offset + 32);
  }
  return out;
}
