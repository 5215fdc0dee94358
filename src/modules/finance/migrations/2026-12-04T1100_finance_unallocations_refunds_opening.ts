import { sql, type Kysely } from 'kysely';

/**
 * Undo and refunds, and opening balances (issue #21):
 *
 * - An allocation is undone by a *reversal* row: an allocation with the negative amount that names
 *   the allocation it reverses (once). Allocations stay append-only, so every sum of allocations up
 *   to a date (aging, tie-out) stays right on every date, and what was closed never moves.
 * - A refund is a payment of kind `refund`, in the opposite direction, that settles a credit: a
 *   credit note / vendor credit (the credit is the source) or the unallocated part of a payment
 *   (source: that payment). Its allocations target the refund: `target_payment_id`.
 * - An opening-balance document is an invoice / bill / credit flagged `opening_balance`, posted
 *   against the opening-balance equity account (role `opening-balance`, added here to a ledger that
 *   already exists; a new ledger gets it from the default chart).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table finance.payments add column kind text not null default 'payment'
            constraint payments_kind check (kind in ('payment', 'refund'))`.execute(db);
  await sql`alter table finance.documents add column opening_balance boolean not null default false`.execute(db);

  await sql`alter table finance.allocations alter column document_id drop not null`.execute(db);
  await sql`alter table finance.allocations add column target_payment_id uuid references finance.payments (id)`.execute(
    db,
  );
  await sql`alter table finance.allocations add column reverses_allocation_id uuid references finance.allocations (id)`.execute(
    db,
  );
  await sql`alter table finance.allocations drop constraint allocations_amount_check`.execute(db);
  await sql`alter table finance.allocations add constraint allocations_amount_sign
            check (amount <> 0 and (amount > 0) = (reverses_allocation_id is null))`.execute(db);
  await sql`alter table finance.allocations add constraint allocations_one_target
            check ((document_id is null) <> (target_payment_id is null))`.execute(db);
  await sql`create unique index allocations_reversed_once on finance.allocations (reverses_allocation_id)
            where reverses_allocation_id is not null`.execute(db);
  await sql`create index allocations_target_payment on finance.allocations (target_payment_id)
            where target_payment_id is not null`.execute(db);

  // The counters move on both sides as before; a reversal (negative) must mirror its allocation, and
  // may reach a document that is paid (it reopens it).
  await sql`
    create or replace function finance.allocation_apply() returns trigger language plpgsql as $$
    declare target_party uuid; target_currency text; target_open boolean;
            source_party uuid; source_currency text; original record;
    begin
      if new.document_id is not null then
        select party_id, currency, status in ('issued', 'partially-paid')
          into target_party, target_currency, target_open from finance.documents where id = new.document_id;
      else
        select party_id, currency, status = 'posted' and kind = 'refund'
          into target_party, target_currency, target_open from finance.payments where id = new.target_payment_id;
      end if;
      if new.payment_id is not null then
        select party_id, currency into source_party, source_currency from finance.payments where id = new.payment_id;
        update finance.payments set allocated = allocated + new.amount where id = new.payment_id;
      else
        select party_id, currency into source_party, source_currency from finance.documents where id = new.credit_document_id;
        update finance.documents set allocated = allocated + new.amount where id = new.credit_document_id;
      end if;
      if new.reverses_allocation_id is null then
        if not target_open then
          raise exception 'allocation to a document that is not open' using errcode = 'P0001';
        end if;
      else
        select * into original from finance.allocations where id = new.reverses_allocation_id;
        if original.reverses_allocation_id is not null or original.amount <> -new.amount
           or original.document_id is distinct from new.document_id
           or original.target_payment_id is distinct from new.target_payment_id
           or original.payment_id is distinct from new.payment_id
           or original.credit_document_id is distinct from new.credit_document_id then
          raise exception 'a reversal mirrors the allocation it reverses' using errcode = 'P0001';
        end if;
      end if;
      if target_party <> source_party or target_currency <> source_currency then
        raise exception 'allocation across parties or currencies' using errcode = 'P0001';
      end if;
      if new.document_id is not null then
        update finance.documents set allocated = allocated + new.amount where id = new.document_id;
      else
        update finance.payments set allocated = allocated + new.amount where id = new.target_payment_id;
      end if;
      return new;
    end $$`.execute(db);

  // An existing ledger gets the opening-balance equity account (3900, under the equity group).
  await sql`
    insert into finance.accounts (code, name, type, is_group, parent_id)
    select '3900', 'Opening balance equity', 'equity', false,
           (select id from finance.accounts where code = '3000' and is_group and type = 'equity')
     where exists (select 1 from finance.settings)
       and not exists (select 1 from finance.account_roles where role = 'opening-balance')
       and not exists (select 1 from finance.accounts where code = '3900')`.execute(db);
  await sql`
    insert into finance.account_roles (role, account_id)
    select 'opening-balance', id from finance.accounts where code = '3900' and type = 'equity' and not is_group
       and not exists (select 1 from finance.account_roles where role = 'opening-balance')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from finance.account_roles where role = 'opening-balance'`.execute(db);
  await sql`drop index if exists finance.allocations_target_payment`.execute(db);
  await sql`drop index if exists finance.allocations_reversed_once`.execute(db);
  await sql`alter table finance.allocations drop constraint allocations_one_target,
            drop constraint allocations_amount_sign,
            drop column reverses_allocation_id, drop column target_payment_id`.execute(db);
  await sql`alter table finance.allocations add constraint allocations_amount_check check (amount > 0)`.execute(db);
  await sql`alter table finance.documents drop column opening_balance`.execute(db);
  await sql`alter table finance.payments drop column kind`.execute(db);
}
