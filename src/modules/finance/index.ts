import './finance.tables.js';
import './documents/documents.tables.js';
import './terms/terms.tables.js';
import './budgets/budgets.tables.js';
import './taxes/taxes.tables.js';
import './banking/banking.tables.js';
import './assets/assets.tables.js';

export type { FinanceTables } from './finance.tables.js';
/** For other modules: post a balanced entry inside your own transaction (pass it as `db`). */
export { postJournalEntry, type EntrySource } from './ledger/journal.service.js';
export type { JournalEntryInputT as JournalEntryInput } from './ledger/journal.schemas.js';
export { accountForRole, baseCurrency } from './ledger/chart.js';
/** For other modules (sales, purchasing): documents and payments inside the caller's transaction. */
export { createDraft as createDocumentDraft } from './documents/documents.service.js';
export { issueDocument } from './documents/issue.service.js';
export { createPayment } from './documents/payments.service.js';
/** For other modules (supply): an account under a role of their own, created on first use; a party's summary. */
export { accountsForRoles, ensureRoleAccount, type RoleAccountSpec } from './ledger/role-accounts.js';
export { listPartiesFor, lookupParty, type PartySummary } from './documents/party-lookup.js';
export { financeModule } from './finance.module.js';
/** The background general-ledger export (a job type), and posted lines in bulk for tests and benchmarks only. */
export { generalLedgerExportJob } from './reports/general-ledger.export.js';
export { seedLedgerLines } from './test/seed-ledger-lines.js';
/** Sample bank statement files (camt.053, OFX) for tests only. */
export { camt053, ofx, type SampleLine } from './banking/banking.test-support.js';
/** Metrics for Strategy. */
export { cashBalance, grossMargin, operatingExpenses, receivablesOverdue, revenue } from './metrics.js';
/**
 * For other modules (supply's quotations): a commercial document they own as a PDF with Finance's
 * letterhead and logo, and sending it by email (a job renders it; follow it with its id).
 */
export { commercialDocumentPdf } from './printing/commercial-pdf.js';
export { sendDocumentBody } from './printing/send-body.js';
export type { CommercialDocumentInput } from './printing/commercial-document.js';
export {
  commercialSendStates,
  sendCommercialDocument,
  type CommercialSendQueued,
  type CommercialSendState,
} from './printing/commercial-send.js';
/** For Analytics (the dataset declared in finance.datasets.ts): the rows the caller may see. */
export { documentDatasetSource, journalLineDatasetSource } from './finance.datasets.source.js';
/** For Compliance (issue #18): the OECD SAF-T 2.00 audit file of a period, as XML text (`saft/`). */
export { safTAuditFile, SAFT_NAMESPACE, type SaftOptions } from './saft/saft.service.js';
/** For Compliance's collectors (issue #18): closed periods and the lock date; posted entries changed after posting. */
export {
  fiscalCloseReport,
  postedEntryIntegrity,
  type FiscalCloseReport,
  type PostedEntryIntegrity,
} from './ledger/ledger-assurance.js';
