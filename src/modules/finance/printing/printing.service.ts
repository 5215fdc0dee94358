import type { Readable } from 'node:stream';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { FileNotFoundError, type FileStore } from '../../../platform/files/file-store.js';
import { getDocument } from '../documents/documents.service.js';
import type { DocumentKind } from '../documents/documents.tables.js';
import { getParty } from '../documents/parties.service.js';
import { documentSchedule } from '../terms/terms.service.js';
import { KIND_TITLES, renderDocumentPdf, type Logo } from './document-pdf.js';
import * as settingsRepo from './company-profile.repository.js';
import type { CompanyProfileRow } from './company-profile.service.js';
import { renderStatementPdf } from './statement-pdf.js';
import { renderTaxReturnPdf } from './tax-return-pdf.js';
import { taxReturnReport } from '../taxes/tax-return.js';
import { getStatement, type Statement, type StatementQuery } from './statement.service.js';

export interface RenderedPdf {
  bytes: Uint8Array;
  fileName: string;
}

/** Logos are small; a larger file is not read (and not printed). */
const MAX_LOGO_BYTES = 2 * 1024 * 1024;

async function readSmall(stream: Readable): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_LOGO_BYTES) {
      stream.destroy();
      return null;
    }
    chunks.push(bytes);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The logo's bytes from the file store, or null (none, gone, or too large). */
export async function loadLogo(settings: CompanyProfileRow, store: FileStore | null): Promise<Logo | null> {
  if (!store || !settings.logo_key || !settings.logo_content_type) return null;
  try {
    const bytes = await readSmall(await store.read(settings.logo_key));
    return bytes ? { bytes, contentType: settings.logo_content_type } : null;
  } catch (error) {
    if (error instanceof FileNotFoundError) return null;
    throw error;
  }
}

export const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'document';

/** The document's PDF (any status: a draft or void one says so on it). */
export async function documentPdf(
  db: Db,
  store: FileStore | null,
  kind: DocumentKind,
  id: string,
): Promise<RenderedPdf> {
  const doc = await getDocument(db, kind, id);
  const party = await getParty(db, doc.partyId);
  const settings = await settingsRepo.getCompanyProfile(db);
  const credits = doc.creditsDocumentId
    ? await db
        .selectFrom('finance.documents')
        .select('number')
        .where('id', '=', doc.creditsDocumentId)
        .executeTakeFirst()
    : undefined;
  const instalments = kind === 'invoice' ? (await documentSchedule(db, 'invoice', id)).instalments : [];
  const bytes = await renderDocumentPdf(doc, party, settings, await loadLogo(settings, store), {
    creditsNumber: credits?.number ?? null,
    instalments,
  });
  return { bytes, fileName: `${safeName(`${KIND_TITLES[kind]}-${doc.number ?? `draft-${doc.id.slice(0, 8)}`}`)}.pdf` };
}

export async function statementPdf(
  db: Db,
  store: FileStore | null,
  partyId: string,
  query: StatementQuery,
): Promise<RenderedPdf & { statement: Statement }> {
  const statement = await getStatement(db, partyId, query);
  const settings = await settingsRepo.getCompanyProfile(db);
  const bytes = await renderStatementPdf(statement, settings, await loadLogo(settings, store));
  return {
    bytes,
    statement,
    fileName: `${safeName(`Statement-${statement.party.name}-${statement.from}-${statement.to}`)}.pdf`,
  };
}

/** The tax return of [from, to] as a PDF (the report's figures, with the letterhead). */
export async function taxReturnPdf(db: Db, store: FileStore | null, from: string, to: string): Promise<RenderedPdf> {
  const report = await taxReturnReport(db, from, to);
  const settings = await settingsRepo.getCompanyProfile(db);
  const bytes = await renderTaxReturnPdf(report, settings, await loadLogo(settings, store));
  return { bytes, fileName: `tax-return-${from}-${to}.pdf` };
}

/** Refuses documents customers should not receive by email (drafts and voided ones): 422. */
export function assertSendable(doc: { status: string; number: string | null }, label: string): void {
  if (doc.status === 'draft' || doc.status === 'void' || !doc.number)
    throw errors.validation(
      [{ path: 'status', message: `A ${doc.status} ${label} cannot be sent: issue it first.`, code: 'not_issued' }],
      `Only issued documents are sent by email (this ${label} is ${doc.status}).`,
    );
}
