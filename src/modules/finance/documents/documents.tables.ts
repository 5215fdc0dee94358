import type { ColumnType, Generated } from 'kysely';
import type { Numeric } from '../finance.tables.js';

// Tables of parties, invoices, bills, credit notes and payments (declaration merging into Database).

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

export type PartyKind = 'customer' | 'vendor' | 'both';
export type DocumentKind = 'invoice' | 'bill' | 'credit-note' | 'vendor-credit';
export type DocumentStatus = 'draft' | 'issued' | 'partially-paid' | 'paid' | 'void';
export type PaymentDirection = 'received' | 'made';

export interface PartiesTable {
  id: Generated<string>;
  kind: PartyKind;
  name: string;
  email: string | null;
  tax_id: string | null;
  currency: string | null;
  payment_terms_days: Generated<number>;
  crm_organization_id: string | null;
  /** Maps tax codes for this party (intra-EU, export); null: domestic, no mapping. */
  fiscal_position_id: Generated<string | null>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DocumentsTable {
  id: Generated<string>;
  kind: DocumentKind;
  number: string | null;
  status: Generated<DocumentStatus>;
  party_id: string;
  document_date: string;
  due_date: string;
  currency: string;
  exchange_rate: Numeric;
  reference: Generated<string>;
  memo: Generated<string>;
  subtotal: Numeric;
  tax_total: Numeric;
  total: Numeric;
  allocated: Numeric;
  credits_document_id: string | null;
  /** An opening-balance document (posted against the opening-balance equity account). */
  opening_balance: Generated<boolean>;
  /** Line prices include the tax (the tax is taken out of them). */
  prices_include_tax: Generated<boolean>;
  /** The filed tax return that reported this document (its tax is locked), and the one that reported its void. */
  tax_return_id: Generated<string | null>;
  void_tax_return_id: Generated<string | null>;
  /** The payment term (instalments, early-payment discount) of an invoice or bill: `../terms/`. */
  payment_term_id: Generated<string | null>;
  journal_entry_id: string | null;
  void_entry_id: string | null;
  created_by: string | null;
  issued_at: Date | null;
  voided_at: Date | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DocumentLinesTable {
  id: Generated<string>;
  document_id: string;
  line_no: number;
  description: Generated<string>;
  quantity: Numeric;
  unit_price: Numeric;
  discount_percent: Numeric;
  tax_rate: Numeric;
  /** The tax code the line was charged with (null: the free percentage `tax_rate`). */
  tax_code_id: Generated<string | null>;
  account_id: string;
  /** Dimensions, carried onto the journal line the document posts. */
  department: Generated<string | null>;
  project_id: Generated<string | null>;
  net: Numeric;
  tax: Numeric;
}

export interface PaymentsTable {
  id: Generated<string>;
  direction: PaymentDirection;
  /** A refund settles a credit (credit note, vendor credit, or an overpayment) in the other direction. */
  kind: Generated<'payment' | 'refund'>;
  number: string;
  status: Generated<'posted' | 'void'>;
  party_id: string;
  payment_date: string;
  currency: string;
  exchange_rate: Numeric;
  amount: Numeric;
  allocated: Numeric;
  account_id: string;
  /** The bank account (banking/) the payment went through, when one was named. */
  bank_account_id: Generated<string | null>;
  /** An early-payment discount taken with a payment: the payment it was taken with. */
  discount_of_payment_id: Generated<string | null>;
  reference: Generated<string>;
  memo: Generated<string>;
  journal_entry_id: string;
  void_entry_id: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AllocationsTable {
  id: Generated<string>;
  /** The document settled, or null when a refund is (`target_payment_id`). */
  document_id: string | null;
  target_payment_id: Generated<string | null>;
  payment_id: string | null;
  credit_document_id: string | null;
  amount: string;
  allocation_date: string;
  fx_entry_id: string | null;
  /** A reversal (negative amount) names the allocation it undoes. */
  reverses_allocation_id: Generated<string | null>;
  /**
   * Base currency cleared on the target (document / refund) and on the source (payment / credit):
   * round(amount × rate), or exactly what is left of the booked base when the allocation closes it.
   * A reversal carries the negated amounts of the allocation it undoes. Null on rows before #21.
   */
  base_amount: Generated<string | null>;
  source_base_amount: Generated<string | null>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface DocumentTables {
  'finance.parties': PartiesTable;
  'finance.documents': DocumentsTable;
  'finance.document_lines': DocumentLinesTable;
  'finance.payments': PaymentsTable;
  'finance.allocations': AllocationsTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends DocumentTables {}
}
