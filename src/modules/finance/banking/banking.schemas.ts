import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, currencyCode, isoDate, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { rateString } from '../money.js';
import { isValidIban } from '../printing/rf-reference.js';

const signedAmount = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'A decimal amount such as -12.50.')
  .openapi({ example: '-12.50' });
const column = z.string().trim().min(1).max(100);

export const CsvMappingSchema = z
  .strictObject({
    delimiter: z.enum([',', ';', '\t', '|']).default(','),
    headerRow: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(1)
      .openapi({ description: 'The row with the column titles (1-based)' }),
    date: column.openapi({ description: 'Title of the booking date column' }),
    valueDate: column.optional(),
    amount: column.optional().openapi({ description: 'One signed amount column (money in positive)…' }),
    debit: column.optional().openapi({ description: '…or a debit (money out) and a credit (money in) column' }),
    credit: column.optional(),
    description: column.optional(),
    reference: column.optional(),
    counterparty: column.optional(),
    bankRef: column.optional().openapi({ description: "The bank's transaction id, when the file has one" }),
    dateFormat: z.enum(['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYYMMDD']).default('YYYY-MM-DD'),
    decimalSeparator: z.enum(['.', ',']).default('.'),
  })
  .refine((m) => !!m.amount !== !!(m.debit && m.credit), {
    message: 'Map either an amount column or both a debit and a credit column.',
    path: ['amount'],
  })
  .openapi('BankCsvMapping');

const ibanField = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine((v) => v === '' || isValidIban(v), 'Not a valid IBAN (its form or check digits).');
const accountNumberField = z
  .string()
  .trim()
  .max(34)
  .regex(/^[A-Za-z0-9 ./-]*$/, 'Letters, digits, spaces, dots, slashes and dashes only.');
const bicField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?)?$/, 'Not a valid BIC.');

export const CreateBankAccountBody = z
  .strictObject({
    name: shortText(100),
    iban: ibanField.default(''),
    accountNumber: accountNumberField.default(''),
    bic: bicField.default(''),
    currency: currencyCode,
    accountId: uuid.openapi({ description: 'The ledger account behind it: an active cash/bank asset account' }),
    openingBalance: signedAmount.default('0'),
    csvMapping: CsvMappingSchema.nullable().optional(),
    active: z.boolean().default(true),
  })
  .refine((b) => b.iban !== '' || b.accountNumber !== '', {
    message: 'Give an IBAN or an account number.',
    path: ['iban'],
  })
  .openapi('CreateBankAccountRequest');

export const UpdateBankAccountBody = z
  .strictObject({
    version: versionField,
    name: shortText(100).optional(),
    iban: ibanField.optional(),
    accountNumber: accountNumberField.optional(),
    bic: bicField.optional(),
    openingBalance: signedAmount.optional(),
    csvMapping: CsvMappingSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi('UpdateBankAccountRequest');

export const BankAccount = z
  .object({
    id: z.string(),
    name: z.string(),
    iban: z.string(),
    accountNumber: z.string(),
    bic: z.string(),
    currency: z.string(),
    accountId: z.string(),
    accountCode: z.string(),
    accountName: z.string(),
    openingBalance: z.string(),
    csvMapping: CsvMappingSchema.nullable(),
    active: z.boolean(),
    openStatements: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('BankAccount');
export const BankAccountList = z.object({ items: z.array(BankAccount) }).openapi('BankAccountList');

export const ImportStatementBody = z
  .strictObject({
    format: z.enum(['csv', 'camt053', 'ofx']),
    content: z.string().min(1).max(900_000).openapi({ description: 'The file as text (UTF-8)' }),
    fileName: z.string().trim().max(200).default(''),
    csvMapping: CsvMappingSchema.optional().openapi({
      description: "CSV only: the column mapping; saved on the bank account (default: the account's saved one)",
    }),
    openingBalance: signedAmount.optional().openapi({
      description:
        "When the file has none (CSV, OFX): default the last statement's closing balance, else the account's opening balance",
    }),
    closingBalance: signedAmount.optional().openapi({ description: 'CSV: checked against the lines when given' }),
  })
  .openapi('ImportStatementRequest');

export const StatementLine = z
  .object({
    id: z.string(),
    statementId: z.string(),
    lineNo: z.number().int(),
    bookingDate: z.string(),
    valueDate: z.string().nullable(),
    amount: z.string(),
    description: z.string(),
    reference: z.string(),
    counterparty: z.string(),
    counterpartyAccount: z.string(),
    bankRef: z.string(),
    status: z.enum(['unmatched', 'reconciled']),
    matchKind: z.enum(['payment', 'documents', 'entry']).nullable(),
    paymentId: z.string().nullable(),
    journalEntryId: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('BankStatementLine');

export const Statement = z
  .object({
    id: z.string(),
    bankAccountId: z.string(),
    bankAccountName: z.string(),
    currency: z.string(),
    format: z.enum(['csv', 'camt053', 'ofx']),
    statementRef: z.string(),
    fileName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    openingBalance: z.string(),
    closingBalance: z.string(),
    reconciledBalance: z.string().openapi({ description: 'Opening balance plus the reconciled lines' }),
    difference: z.string().openapi({ description: 'Closing balance less the reconciled balance: 0 to finish' }),
    lineCount: z.number().int(),
    reconciledCount: z.number().int(),
    status: z.enum(['open', 'finished']),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('BankStatement');
export const StatementPage = pageSchema(Statement).openapi('BankStatementPage');
export const StatementListQuery = listQuery(['endDate', 'createdAt'], '-endDate').extend({
  bankAccountId: uuid.optional(),
  status: z.enum(['open', 'finished']).optional(),
});
export const StatementLinePage = pageSchema(StatementLine).openapi('BankStatementLinePage');
export const StatementLineQuery = listQuery(['lineNo'], 'lineNo').extend({
  status: z.enum(['unmatched', 'reconciled']).optional(),
});
export const StatementVersionBody = z.strictObject({ version: versionField }).openapi('BankStatementVersionRequest');

const allocation = z.strictObject({ documentId: uuid, amount: amount() });
export const ReconcileBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('payment'),
      version: versionField,
      paymentId: uuid.openapi({ description: 'A posted payment on this bank account, for the same amount' }),
    }),
    z.strictObject({
      kind: z.literal('documents'),
      version: versionField,
      partyId: uuid.optional().openapi({ description: "Default: the documents' party" }),
      exchangeRate: rateString.optional(),
      allocations: z.array(allocation).min(1).max(100),
    }),
    z.strictObject({
      kind: z.literal('entry'),
      version: versionField,
      accountId: uuid.openapi({ description: 'The other side: bank fees, interest, …' }),
      description: z.string().trim().max(500).optional(),
      exchangeRate: rateString.optional(),
    }),
  ])
  .openapi('ReconcileLineRequest');
export const UnreconcileBody = z.strictObject({ version: versionField }).openapi('UnreconcileLineRequest');

export const Proposal = z
  .object({
    lineId: z.string(),
    lineVersion: z.number().int(),
    kind: z.enum(['payment', 'documents', 'entry']),
    reason: z.string(),
    ruleId: z.string().nullable(),
    paymentId: z.string().nullable(),
    paymentNumber: z.string().nullable(),
    partyId: z.string().nullable(),
    partyName: z.string().nullable(),
    documents: z.array(z.object({ documentId: z.string(), number: z.string(), amount: z.string() })),
    accountId: z.string().nullable(),
    accountCode: z.string().nullable(),
    exchangeRate: z.string().nullable().openapi({
      description:
        'A foreign-currency bank account: the exchange-rate table’s rate to the base currency on the booking date (latest on or before it) that accepting uses; null in the base currency or when the table has none',
    }),
    exchangeRateDate: z.string().nullable().openapi({ description: 'The date of that rate' }),
  })
  .openapi('BankMatchProposal');
export const ProposalList = z.object({ items: z.array(Proposal) }).openapi('BankMatchProposalList');
export const AcceptProposalsBody = z
  .strictObject({
    lineIds: z.array(uuid).min(1).max(5000).optional().openapi({ description: 'Default: every line with a proposal' }),
  })
  .openapi('AcceptProposalsRequest');
export const AcceptProposalsResult = z
  .object({ reconciled: z.array(z.string()), statement: Statement })
  .openapi('AcceptProposalsResult');

const ruleFields = {
  bankAccountId: uuid.nullable().default(null).openapi({ description: 'null: every bank account' }),
  name: shortText(100),
  priority: z.number().int().min(0).max(10_000).default(100).openapi({ description: 'Lower runs first' }),
  field: z.enum(['description', 'counterparty', 'reference']),
  pattern: z
    .string()
    .min(1)
    .max(200)
    .refine((p) => {
      try {
        new RegExp(p, 'i');
        return true;
      } catch {
        return false;
      }
    }, 'Not a valid regular expression.')
    // A repeated group that itself repeats ("(a+)+", "(\\w*)*") can take exponential time on a long line.
    .refine((p) => !/\((?:[^()\\]|\\.)*[+*}](?:\?)?\)[+*{]/.test(p), 'Nested repetition is not allowed.')
    .openapi({ description: 'A regular expression (case-insensitive); no nested repetition such as (a+)+' }),
  direction: z.enum(['any', 'in', 'out']).default('any'),
  partyId: uuid.nullable().default(null).openapi({ description: "Propose this party's open items…" }),
  accountId: uuid.nullable().default(null).openapi({ description: '…or a new entry on this account' }),
  active: z.boolean().default(true),
};
export const CreateRuleBody = z
  .strictObject(ruleFields)
  .refine((r) => (r.partyId === null) !== (r.accountId === null), {
    message: 'Name either a party or an account.',
    path: ['accountId'],
  })
  .openapi('CreateBankRuleRequest');
export const UpdateRuleBody = CreateRuleBody.and(z.object({ version: versionField })).openapi('UpdateBankRuleRequest');
export const Rule = z
  .object({
    id: z.string(),
    bankAccountId: z.string().nullable(),
    name: z.string(),
    priority: z.number().int(),
    field: z.enum(['description', 'counterparty', 'reference']),
    pattern: z.string(),
    direction: z.enum(['any', 'in', 'out']),
    partyId: z.string().nullable(),
    accountId: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('BankRule');
export const RuleList = z.object({ items: z.array(Rule) }).openapi('BankRuleList');

export const LineIdParam = z.object({ id: uuid, lineId: uuid });
export { isoDate };

export type CreateBankAccountInput = z.output<typeof CreateBankAccountBody>;
export type UpdateBankAccountInput = z.output<typeof UpdateBankAccountBody>;
export type ImportStatementInput = z.output<typeof ImportStatementBody>;
export type ReconcileInput = z.output<typeof ReconcileBody>;
export type CreateRuleInput = z.output<typeof CreateRuleBody>;
export type StatementFilter = z.output<typeof StatementListQuery>;
export type StatementLineFilter = z.output<typeof StatementLineQuery>;
export type ProposalDto = z.output<typeof Proposal>;
