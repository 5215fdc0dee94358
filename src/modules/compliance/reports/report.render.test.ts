import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../evidence/artefact.js';
import type { ReportDocument } from './report.document.js';
import { reportPdf } from './report.pdf.js';
import { fixZipDates, reportXlsx } from './report.xlsx.js';
import { createHash } from 'node:crypto';

const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const doc = (asOf: string): ReportDocument => ({
  title: 'Statement of Applicability — Acme 1.0',
  subtitle: 'Every requirement, whether it applies and why, and the controls that implement it',
  asOf,
  templateVersion: 'soa/1',
  facts: [
    ['Framework', 'Acme 1.0'],
    ['Assessment', 'none'],
  ],
  summary: [['Requirements', '3']],
  tables: [
    {
      title: 'Requirements',
      columns: [
        { header: 'Ref', width: 8 },
        { header: 'Requirement', width: 30 },
        { header: 'Justification', width: 40 },
      ],
      rows: [
        ['A', 'Area A', ''],
        ['A.1', 'Access is granted on need', 'Not applicable: we have no premises. '.repeat(30)],
        ['A.2', 'Ünïcödé ✓ survives', 'Line one\nLine two'],
        ...Array.from({ length: 120 }, (_, i) => [`B.${i}`, `Requirement ${i}`, 'Applicable']),
      ],
      emphasis: new Set([0]),
    },
  ],
});

/** Renders at a given wall-clock time (the libraries' own "now" must not reach the bytes). */
async function renderedAt<T>(now: string, render: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(now));
  try {
    return await render();
  } finally {
    vi.useRealTimers();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('report rendering', () => {
  it('gives the same bytes for the same document and as-of, whenever rendered; other bytes for another as-of', async () => {
    const at = '2026-12-08T10:15:30.000Z';
    const p1 = await renderedAt('2027-01-01T00:00:00Z', () => reportPdf(doc(at)));
    const p2 = await renderedAt('2031-06-15T13:47:11Z', () => reportPdf(doc(at)));
    const p3 = await reportPdf(doc('2026-12-09T10:15:30.000Z'));
    expect(p1.subarray(0, 5).toString()).toBe('%PDF-');
    expect(hash(p1)).toBe(hash(p2));
    expect(hash(p1)).not.toBe(hash(p3));
    const x1 = await renderedAt('2027-01-01T00:00:00Z', () => reportXlsx(doc(at)));
    const x2 = await renderedAt('2031-06-15T13:47:11Z', () => reportXlsx(doc(at)));
    expect(x1.subarray(0, 2).toString()).toBe('PK');
    expect(hash(x1)).toBe(hash(x2));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x1 as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['About', 'Requirements']);
    expect(book.getWorksheet('Requirements')!.getCell('A3').value).toBe('A.1');
    expect(book.created.toISOString()).toBe(at);
  }, 30_000);

  it('stamps every ZIP entry with the as-of time', async () => {
    const x = await reportXlsx(doc('2026-12-08T10:15:30.000Z'));
    const again = fixZipDates(x, new Date('2026-12-08T10:15:30.000Z'));
    expect(sha256Hex(again.toString('latin1'))).toBe(sha256Hex(x.toString('latin1')));
    expect(() => fixZipDates(Buffer.from('not a zip file at all, no end record here'), new Date())).toThrow(/ZIP/);
  });
});
