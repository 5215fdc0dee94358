import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { analyticsClient, salesPeople, type SalesPeople } from '../analytics.test-support.js';

/**
 * The exported PDF as a reader sees it: its first page rendered to PNG by a real renderer (MuPDF,
 * Artifex's WASM build), the PNG decoded again, and its pixels and text checked — the chart is
 * drawn (bars in the chart colour, below the chart's caption) and the as-of line is on the page.
 */

type Job = { status: string; result: { file: { key: string; name: string } } | null };

/** The bar colour of export.pdf.ts, rgb(0.16, 0.42, 0.75), in 8-bit channels. */
const BAR = [41, 107, 191] as const;
/** Render scale: 2 pixels per PDF point. */
const SCALE = 2;

let t: TestApp;
let p: SalesPeople;
let analytics: ReturnType<typeof analyticsClient>;
let pipeline: { id: string };
let board: { id: string };

async function readFile(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await (await t.runtime.getFileStore()).read(key)) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** Runs an export as rep B and returns the PDF's bytes. */
async function exportPdf(body: Record<string, unknown>): Promise<{ name: string; bytes: Buffer }> {
  const started = await analytics<{ jobId: string }>('POST', '/exports', {
    token: p.repB.token,
    body: { format: 'pdf', ...body },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === started.body.jobId);
  expect(runs.map((r) => r.outcome)).toContain('succeeded');
  const job = (await t.request<Job>('GET', `/api/v1/jobs/${started.body.jobId}`, { token: p.repB.token })).body;
  return { name: job.result!.file.name, bytes: await readFile(job.result!.file.key) };
}

interface Rendered {
  png: Uint8Array;
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel, rows of `stride` bytes. */
  pixels: Uint8ClampedArray;
  stride: number;
  text: string;
  /** Where `needle` first occurs on the page, in pixels of the rendering: [x0, y0, x1, y1]. */
  find(needle: string): [number, number, number, number] | null;
}

/** The first page of `pdf` rendered to PNG by MuPDF, then the PNG decoded back to pixels. */
function renderFirstPage(pdf: Uint8Array): Rendered {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  expect(doc.countPages()).toBeGreaterThanOrEqual(1);
  const page = doc.loadPage(0);
  const png = page.toPixmap(mupdf.Matrix.scale(SCALE, SCALE), mupdf.ColorSpace.DeviceRGB, false).asPNG();
  // What is checked is the PNG itself, decoded again (not the renderer's in-memory pixmap).
  const decoded = new mupdf.Image(png).toPixmap();
  expect(decoded.getNumberOfComponents()).toBe(3);
  const text = page.toStructuredText('preserve-whitespace').asText().replace(/\s+/g, ' ');
  return {
    png,
    width: decoded.getWidth(),
    height: decoded.getHeight(),
    pixels: decoded.getPixels(),
    stride: decoded.getStride(),
    text,
    find(needle) {
      const hits = page.search(needle, undefined);
      const quad = hits[0]?.[0];
      if (!quad) return null;
      const xs = [quad[0], quad[2], quad[4], quad[6]].map((v) => v * SCALE);
      const ys = [quad[1], quad[3], quad[5], quad[7]].map((v) => v * SCALE);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    },
  };
}

/** Pixels of the bar colour (within a little anti-aliasing) and their bounding box. */
function barPixels(r: Rendered) {
  let count = 0;
  let box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < r.height; y++)
    for (let x = 0; x < r.width; x++) {
      const i = y * r.stride + x * 3;
      if (BAR.every((c, k) => Math.abs(r.pixels[i + k]! - c) <= 4)) {
        count++;
        box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
      }
    }
  return { count, box };
}

/** Share of pixels that are not (near) white. */
function inked(r: Rendered): number {
  let ink = 0;
  for (let y = 0; y < r.height; y++)
    for (let x = 0; x < r.width; x++) {
      const i = y * r.stride + x * 3;
      if (r.pixels[i]! < 240 || r.pixels[i + 1]! < 240 || r.pixels[i + 2]! < 240) ink++;
    }
  return ink / (r.width * r.height);
}

/** The page shows the as-of line (a time between `from` and now) near its top. */
function expectAsOf(r: Rendered, from: Date) {
  const m = /As of (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC/.exec(r.text);
  expect(m, r.text).not.toBeNull();
  const asOf = new Date(`${m![1]}T${m![2]}Z`).getTime();
  expect(asOf).toBeGreaterThanOrEqual(Math.floor(from.getTime() / 1000) * 1000);
  expect(asOf).toBeLessThanOrEqual(Date.now());
  const where = r.find('As of');
  expect(where).not.toBeNull();
  expect(where![3]).toBeLessThan(r.height * 0.2);
}

/** The chart is drawn: bars of the chart colour under the chart's caption, above the table. */
function expectBarChart(r: Rendered, caption: string, tableHeader: string) {
  expect(r.text).toContain(caption);
  const label = r.find(caption)!;
  const header = r.find(tableHeader)!;
  expect(label).not.toBeNull();
  expect(header).not.toBeNull();
  const bars = barPixels(r);
  // A bar of a one- to few-point chart is tens of points wide and up to ~140 points tall: thousands of pixels.
  expect(bars.count).toBeGreaterThan(2000);
  const [x0, y0, x1, y1] = bars.box;
  expect(y0).toBeGreaterThan(label[3]);
  expect(y1).toBeLessThan(header[1]);
  expect(x0).toBeGreaterThan(36 * SCALE);
  expect(x1).toBeLessThan(r.width - 36 * SCALE);
  // The bars stand on the axis: the tallest reaches the top of the chart, far above its foot.
  expect(y1 - y0).toBeGreaterThan(100 * SCALE);
}

beforeAll(async () => {
  t = await createTestApp();
  analytics = analyticsClient(t);
  p = await salesPeople(t);
  for (const [token, name, amount] of [
    [p.repA.token, 'Alpha', '100'],
    [p.repB.token, 'Beta', '200'],
    [p.repB.token, 'Gamma', '300'],
  ] as const) {
    const res = await t.request('POST', '/api/v1/crm/opportunities', {
      token,
      body: { name, amount, currency: 'EUR' },
    });
    expect(res.status).toBe(201);
  }
  const created = await analytics<{ id: string }>('POST', '/questions', {
    token: p.admin.token,
    body: {
      name: 'Pipeline by stage',
      visualization: 'bar',
      shares: [{ type: 'role', role: 'sales-rep' }],
      query: { dataset: 'crm.opportunities', dimensions: ['stage'], measures: ['count', 'totalAmount'] },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  pipeline = created.body;
  const res = await analytics<{ id: string }>('POST', '/dashboards', {
    token: p.admin.token,
    body: {
      name: 'Sales board',
      cards: [{ questionId: pipeline.id, x: 0, y: 0, w: 12, h: 6 }],
      shares: [{ type: 'role', role: 'sales-rep' }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  board = res.body;
});
afterAll(async () => {
  await t?.close();
});

describe('PDF export rendered by MuPDF', () => {
  it('a question: the first page renders to a PNG with the bar chart and the as-of line', async () => {
    const from = new Date();
    const { name, bytes } = await exportPdf({ questionId: pipeline.id });
    expect(name).toBe('Pipeline by stage.pdf');
    const page = renderFirstPage(bytes);
    expect([...page.png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Landscape A4 at 2 pixels a point.
    expect(page.width).toBe(Math.ceil(841.89 * SCALE));
    expect(page.height).toBe(Math.ceil(595.28 * SCALE));
    const ink = inked(page);
    expect(ink).toBeGreaterThan(0.01);
    expect(ink).toBeLessThan(0.5);
    expect(page.text).toContain('Pipeline by stage');
    expectAsOf(page, from);
    expectBarChart(page, 'Opportunities by Stage', 'Currency');
  });

  it('a dashboard: the first page shows the card’s chart and the as-of line', async () => {
    const from = new Date();
    const { name, bytes } = await exportPdf({
      dashboardId: board.id,
      filters: [{ field: 'currency', op: 'eq', value: 'EUR' }],
    });
    expect(name).toBe('Sales board.pdf');
    const page = renderFirstPage(bytes);
    expect(inked(page)).toBeGreaterThan(0.01);
    expect(page.text).toContain('Sales board');
    expect(page.text).toContain('Filters:');
    expectAsOf(page, from);
    expectBarChart(page, 'Opportunities by Stage', 'Currency');
  });
});
