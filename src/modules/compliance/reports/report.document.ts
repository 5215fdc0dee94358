/**
 * What a report is before it becomes a file (docs/adr/0024): a title, labelled facts (parameters,
 * as-of, template version), a summary and tables of text cells. The data code (report.data.ts) builds
 * it, sorted by stable keys; the PDF and XLSX renderers draw it. The same document and as-of always
 * give the same bytes.
 */

/** The layout version each kind is drawn with; stored on every report (a new layout is a new version). */
export const TEMPLATE_VERSIONS = { soa: 'soa/1', audit: 'audit/1' } as const;

export interface ReportColumn {
  header: string;
  /** Relative width in the PDF (the columns share the page width); characters in the XLSX. */
  width: number;
}

export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  rows: string[][];
  /** Rows drawn in bold (headings within the table, such as a framework's functions). */
  emphasis?: ReadonlySet<number>;
  /** Shown when there are no rows. */
  empty?: string;
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  /** ISO time the data was read at; the PDF's and XLSX's own dates are set to it. */
  asOf: string;
  templateVersion: string;
  /** Parameters and provenance, as label and value. */
  facts: [string, string][];
  summary: [string, string][];
  tables: ReportTable[];
}

/** `2026-12-08T10:15:00.000Z` → `2026-12-08 10:15:00 UTC`. */
export const displayTime = (iso: string) => iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
