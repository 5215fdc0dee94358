import type { RecordVisibility } from '../../../platform/files/attachable.js';

/**
 * Suppliers' e-invoices waiting to be imported, uploaded as attachments on one record of the type
 * `finance.einvoice-inbox` (declared in finance.module.ts): `POST /bills/import-ubl {attachmentId}`
 * reads them from there. Browsers send files to the file store, never through the API (ADR 0013).
 */
export const EINVOICE_INBOX_RECORD_ID = '00000000-0000-4000-8000-0000000e1b0c';

export const inboxVisible: RecordVisibility = async (_db, _ctx, id) => id === EINVOICE_INBOX_RECORD_ID;
