import { sql, type Kysely } from 'kysely';

/** The ledger: settings, chart of accounts, fiscal years and periods, journal entries and lines, numbering. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists finance`.execute(db);

  await db.schema
    .createTable('finance.settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('base_currency', sql`char(3)`, (c) => c.notNull().check(sql`base_currency ~ '^[A-Z]{3}$'`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('finance.accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`code ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$'`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('asset', 'liability', 'equity', 'income', 'expense')`),
    )
    .addColumn('parent_id', 'uuid', (c) => c.references('finance.accounts.id'))
    .addColumn('is_group', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index accounts_parent on finance.accounts (parent_id)`.execute(db);

  // Accounts with a role the system posts to: receivable, payable, retained-earnings, tax, bank, rounding …
  await db.schema
    .createTable('finance.account_roles')
    .addColumn('role', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('finance.accounts.id'))
    .execute();

  await db.schema
    .createTable('finance.fiscal_years')
    .addColumn('year', 'integer', (c) => c.primaryKey().check(sql`year between 1900 and 9999`))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('closing_entry_id', 'uuid')
    .addColumn('closed_at', sql`timestamptz(3)`)
    .execute();

  await db.schema
    .createTable('finance.fiscal_periods')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (c) => c.notNull().references('finance.fiscal_years.year'))
    .addColumn('period', 'integer', (c) => c.notNull().check(sql`period between 1 and 12`))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('closed_at', sql`timestamptz(3)`)
    .addUniqueConstraint('fiscal_periods_year_period', ['year', 'period'])
    .execute();
  await sql`create index fiscal_periods_dates on finance.fiscal_periods (start_date, end_date)`.execute(db);

  await db.schema
    .createTable('finance.journal_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('entry_date', 'date', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('memo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_type', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('source_id', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'posted')`),
    )
    .addColumn('currency', sql`char(3)`, (c) => c.notNull())
    .addColumn('exchange_rate', sql`numeric(20, 10)`, (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`exchange_rate > 0`),
    )
    .addColumn('reverses_entry_id', 'uuid', (c) => c.references('finance.journal_entries.id'))
    .addColumn('reversed_by_entry_id', 'uuid', (c) => c.references('finance.journal_entries.id'))
    .addColumn('created_by', 'uuid')
    .addColumn('posted_by', 'uuid')
    .addColumn('posted_at', sql`timestamptz(3)`)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index journal_entries_date on finance.journal_entries (entry_date, id)`.execute(db);
  await sql`create index journal_entries_source on finance.journal_entries (source_type, source_id)`.execute(db);
  await sql`create unique index journal_entries_one_reversal on finance.journal_entries (reverses_entry_id)
            where reverses_entry_id is not null`.execute(db);

  await db.schema
    .createTable('finance.journal_lines')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('finance.journal_entries.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('finance.accounts.id'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('debit', sql`numeric(19, 4)`, (c) => c.notNull().defaultTo(0))
    .addColumn('credit', sql`numeric(19, 4)`, (c) => c.notNull().defaultTo(0))
    .addColumn('base_debit', sql`numeric(19, 4)`, (c) => c.notNull().defaultTo(0))
    .addColumn('base_credit', sql`numeric(19, 4)`, (c) => c.notNull().defaultTo(0))
    .addColumn('department', 'text')
    .addColumn('project_id', 'uuid')
    // Set when the entry is posted (posted entries never change): reports read lines alone.
    .addColumn('posted_date', 'date')
    .addCheckConstraint('journal_lines_one_side', sql`debit >= 0 and credit >= 0 and (debit = 0) <> (credit = 0)`)
    .addCheckConstraint(
      'journal_lines_base_side',
      sql`base_debit >= 0 and base_credit >= 0 and (base_debit = 0 or debit > 0) and (base_credit = 0 or credit > 0)`,
    )
    .addUniqueConstraint('journal_lines_entry_line', ['entry_id', 'line_no'])
    .execute();
  await sql`create index journal_lines_account_posted on finance.journal_lines (account_id, posted_date)
            include (base_debit, base_credit) where posted_date is not null`.execute(db);
  await sql`create index journal_lines_posted on finance.journal_lines (posted_date)
            include (account_id, base_debit, base_credit) where posted_date is not null`.execute(db);
  await sql`create index journal_lines_entry on finance.journal_lines (entry_id)`.execute(db);

  // Posted entries are immutable, and a posted entry balances in the base currency. Enforced by
  // the database too, whatever code writes.
  await sql`
    create function finance.journal_entry_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status = 'posted' then raise exception 'posted journal entries cannot be deleted' using errcode = 'P0001'; end if;
        return old;
      end if;
      if old.status = 'posted' and (
           new.entry_date is distinct from old.entry_date or new.currency is distinct from old.currency
           or new.exchange_rate is distinct from old.exchange_rate or new.status is distinct from old.status
           or new.number is distinct from old.number or new.reference is distinct from old.reference
           or new.memo is distinct from old.memo or new.reverses_entry_id is distinct from old.reverses_entry_id) then
        raise exception 'posted journal entries cannot be changed' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger journal_entries_immutable before update or delete on finance.journal_entries
            for each row execute function finance.journal_entry_guard()`.execute(db);

  await sql`
    create function finance.journal_line_guard() returns trigger language plpgsql as $$
    declare entry_status text;
    begin
      select status into entry_status from finance.journal_entries
       where id = case when tg_op = 'INSERT' then new.entry_id else old.entry_id end;
      if entry_status = 'posted' then
        raise exception 'lines of posted journal entries cannot be changed' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger journal_lines_immutable before insert or update or delete on finance.journal_lines
            for each row execute function finance.journal_line_guard()`.execute(db);

  await sql`
    create function finance.journal_entry_balanced() returns trigger language plpgsql as $$
    declare d numeric; c numeric; n integer;
    begin
      if new.status = 'posted' then
        select coalesce(sum(base_debit), 0), coalesce(sum(base_credit), 0), count(*) into d, c, n
          from finance.journal_lines where entry_id = new.id;
        if n < 2 or d <> c or d = 0 then
          raise exception 'journal entry % does not balance (debit %, credit %, % lines)', new.id, d, c, n
            using errcode = 'P0001';
        end if;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger journal_entries_balanced after insert or update on finance.journal_entries
            deferrable initially deferred for each row execute function finance.journal_entry_balanced()`.execute(db);

  // Gap-free numbering: one row per (series, year), taken under a row lock by the issuing transaction.
  await db.schema
    .createTable('finance.number_sequences')
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('number_sequences_pk', ['series', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema finance cascade`.execute(db);
}
