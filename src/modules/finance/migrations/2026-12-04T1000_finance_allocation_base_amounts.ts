import { sql, type Kysely } from 'kysely';

/**
 * Issue #21: the base-currency amount each allocation clears, on both sides, so that the aging and
 * the control accounts agree to the cent on every date.
 *
 * - `base_amount`: what the allocation clears of its target (document or refund) in the base
 *   currency — round(amount × the target's rate), except that the allocation that closes the target
 *   clears exactly what is left of its booked base amount.
 * - `source_base_amount`: the same for its source (payment or credit document), at the source's rate.
 *
 * The realised exchange difference posted with the allocation is source_base_amount − base_amount.
 * Rows written before this migration keep null: readers fall back to round(amount × rate).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table finance.allocations add column base_amount numeric(19, 4),
            add column source_base_amount numeric(19, 4)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table finance.allocations drop column base_amount, drop column source_base_amount`.execute(db);
}
