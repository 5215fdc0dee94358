import { sql, type Kysely } from 'kysely';

const money = sql`numeric(19, 4)`;
const ts = sql`timestamptz(3)`;

/**
 * Parties (customers, vendors), documents (invoices, bills, credit notes, vendor credits) with their
 * lines, payments, and allocations of payments and credits to documents. The database guards what
 * matters whatever code writes: an issued document never changes, and allocations keep
 * `allocated <= total` on documents and `allocated <= amount` on payments (maintained by trigger).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('finance.parties')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('customer', 'vendor', 'both')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('tax_id', 'text')
    .addColumn('currency', sql`char(3)`, (c) => c.check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('payment_terms_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`payment_terms_days between 0 and 3650`),
    )
    .addColumn('crm_organization_id', 'uuid')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index parties_name on finance.parties (lower(name), id)`.execute(db);

  await db.schema
    .createTable('finance.documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('invoice', 'bill', 'credit-note', 'vendor-credit')`),
    )
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'issued', 'partially-paid', 'paid', 'void')`),
    )
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('finance.parties.id'))
    .addColumn('document_date', 'date', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('currency', sql`char(3)`, (c) => c.notNull())
    .addColumn('exchange_rate', sql`numeric(20, 10)`, (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`exchange_rate > 0`),
    )
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('memo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subtotal', money, (c) => c.notNull().defaultTo(0))
    .addColumn('tax_total', money, (c) => c.notNull().defaultTo(0))
    .addColumn('total', money, (c) => c.notNull().defaultTo(0))
    .addColumn('allocated', money, (c) => c.notNull().defaultTo(0))
    .addColumn('credits_document_id', 'uuid', (c) => c.references('finance.documents.id'))
    .addColumn('journal_entry_id', 'uuid', (c) => c.references('finance.journal_entries.id'))
    .addColumn('void_entry_id', 'uuid', (c) => c.references('finance.journal_entries.id'))
    .addColumn('created_by', 'uuid')
    .addColumn('issued_at', ts)
    .addColumn('voided_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('documents_totals', sql`subtotal >= 0 and tax_total >= 0 and total = subtotal + tax_total`)
    .addCheckConstraint('documents_allocated', sql`allocated >= 0 and allocated <= total`)
    .addCheckConstraint('documents_issued_numbered', sql`(status = 'draft') = (number is null)`)
    .execute();
  await sql`create index documents_kind_date on finance.documents (kind, document_date, id)`.execute(db);
  await sql`create index documents_party on finance.documents (party_id, kind)`.execute(db);
  await sql`create index documents_open_due on finance.documents (kind, due_date)
            where status in ('issued', 'partially-paid')`.execute(db);

  await db.schema
    .createTable('finance.document_lines')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('finance.documents.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('quantity', money, (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit_price', money, (c) => c.notNull().check(sql`unit_price >= 0`))
    .addColumn('discount_percent', sql`numeric(7, 4)`, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`discount_percent between 0 and 100`),
    )
    .addColumn('tax_rate', sql`numeric(7, 4)`, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`tax_rate between 0 and 100`),
    )
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('finance.accounts.id'))
    .addColumn('net', money, (c) => c.notNull().check(sql`net >= 0`))
    .addColumn('tax', money, (c) => c.notNull().check(sql`tax >= 0`))
    .addUniqueConstraint('document_lines_document_line', ['document_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('finance.payments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('received', 'made')`))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('posted')
        .check(sql`status in ('posted', 'void')`),
    )
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('finance.parties.id'))
    .addColumn('payment_date', 'date', (c) => c.notNull())
    .addColumn('currency', sql`char(3)`, (c) => c.notNull())
    .addColumn('exchange_rate', sql`numeric(20, 10)`, (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`exchange_rate > 0`),
    )
    .addColumn('amount', money, (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('allocated', money, (c) => c.notNull().defaultTo(0))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('finance.accounts.id'))
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('memo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('journal_entry_id', 'uuid', (c) => c.notNull().references('finance.journal_entries.id'))
    .addColumn('void_entry_id', 'uuid', (c) => c.references('finance.journal_entries.id'))
    .addColumn('created_by', 'uuid')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('payments_allocated', sql`allocated >= 0 and allocated <= amount`)
    .execute();
  await sql`create index payments_date on finance.payments (payment_date, id)`.execute(db);
  await sql`create index payments_party on finance.payments (party_id)`.execute(db);

  // Append-only: who settled what. The source is a payment or a credit document, never both.
  await db.schema
    .createTable('finance.allocations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('finance.documents.id'))
    .addColumn('payment_id', 'uuid', (c) => c.references('finance.payments.id'))
    .addColumn('credit_document_id', 'uuid', (c) => c.references('finance.documents.id'))
    .addColumn('amount', money, (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('allocation_date', 'date', (c) => c.notNull())
    // The realised exchange difference posted with the allocation (source and document rates differ).
    .addColumn('fx_entry_id', 'uuid', (c) => c.references('finance.journal_entries.id'))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('allocations_one_source', sql`(payment_id is null) <> (credit_document_id is null)`)
    .execute();
  await sql`create index allocations_document on finance.allocations (document_id)`.execute(db);
  await sql`create index allocations_payment on finance.allocations (payment_id) where payment_id is not null`.execute(
    db,
  );
  await sql`create index allocations_credit on finance.allocations (credit_document_id)
            where credit_document_id is not null`.execute(db);

  // Every allocation moves the counters on both sides; the CHECKs above refuse an over-allocation,
  // and the UPDATEs serialize concurrent allocations on the same rows.
  await sql`
    create function finance.allocation_apply() returns trigger language plpgsql as $$
    declare target record; source_party uuid; source_currency text;
    begin
      select party_id, currency, status into target from finance.documents where id = new.document_id;
      if new.payment_id is not null then
        select party_id, currency into source_party, source_currency from finance.payments where id = new.payment_id;
        update finance.payments set allocated = allocated + new.amount where id = new.payment_id;
      else
        select party_id, currency into source_party, source_currency from finance.documents where id = new.credit_document_id;
        update finance.documents set allocated = allocated + new.amount where id = new.credit_document_id;
      end if;
      if target.status not in ('issued', 'partially-paid') then
        raise exception 'allocation to a document that is not open' using errcode = 'P0001';
      end if;
      if target.party_id <> source_party or target.currency <> source_currency then
        raise exception 'allocation across parties or currencies' using errcode = 'P0001';
      end if;
      update finance.documents set allocated = allocated + new.amount where id = new.document_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger allocations_apply after insert on finance.allocations
            for each row execute function finance.allocation_apply()`.execute(db);
  await sql`
    create function finance.allocation_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'allocations cannot be changed or deleted' using errcode = 'P0001';
    end $$`.execute(db);
  await sql`create trigger allocations_append_only before update or delete on finance.allocations
            for each row execute function finance.allocation_append_only()`.execute(db);

  // Issued documents are immutable: only their settlement (allocated, status) and voiding move.
  await sql`
    create function finance.document_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status <> 'draft' then raise exception 'issued documents cannot be deleted' using errcode = 'P0001'; end if;
        return old;
      end if;
      if old.status <> 'draft' and (
           new.kind is distinct from old.kind or new.number is distinct from old.number
           or new.party_id is distinct from old.party_id or new.document_date is distinct from old.document_date
           or new.due_date is distinct from old.due_date or new.currency is distinct from old.currency
           or new.exchange_rate is distinct from old.exchange_rate or new.total is distinct from old.total
           or new.subtotal is distinct from old.subtotal or new.tax_total is distinct from old.tax_total
           or new.journal_entry_id is distinct from old.journal_entry_id or new.status = 'draft') then
        raise exception 'issued documents cannot be changed' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger documents_immutable before update or delete on finance.documents
            for each row execute function finance.document_guard()`.execute(db);
  await sql`
    create function finance.document_line_guard() returns trigger language plpgsql as $$
    declare doc_status text;
    begin
      select status into doc_status from finance.documents
       where id = case when tg_op = 'INSERT' then new.document_id else old.document_id end;
      if doc_status is not null and doc_status <> 'draft' then
        raise exception 'lines of issued documents cannot be changed' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger document_lines_immutable before insert or update or delete on finance.document_lines
            for each row execute function finance.document_line_guard()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists finance.allocations, finance.payments, finance.document_lines,
            finance.documents, finance.parties cascade`.execute(db);
  await sql`drop function if exists finance.allocation_apply, finance.allocation_append_only,
            finance.document_guard, finance.document_line_guard`.execute(db);
}
