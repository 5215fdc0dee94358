import type { Price } from './prices.js';

/**
 * Money is an integer number of micro-dollars (1 µ$ = $0.000001).
 *
 * Rounding rule: a line's amount is quantity × unit price, evaluated once per price tier from the unit price in
 * integer pico-dollars, summed over the tiers and rounded half-up to a whole micro-dollar. Totals are sums of
 * those integers (exact). Display rounds half-up to cents, each line and each total on its own, so a displayed
 * total can differ by a cent from the sum of the displayed lines.
 */
export type MicroUsd = number;

export interface LineItem {
  component: string;
  /** Quantity × unit price, human readable. */
  detail: string;
  microUsd: MicroUsd;
  /** microUsd / 1,000,000 (not rounded to cents). */
  usd: number;
}

const PICO_PER_USD = 1e12;
const PICO_PER_MICRO = 1e6;

/** The amount of `quantity` units at `price`, tiers included (tiers count from the first unit of the month). */
export function costOf(quantity: number, price: Price): MicroUsd {
  if (!Number.isFinite(quantity) || quantity < 0) throw new RangeError(`Bad quantity ${quantity} for ${price.unit}`);
  const tiers = [{ from: 0, usd: price.usd }, ...(price.over ?? [])];
  let pico = 0;
  tiers.forEach((tier, i) => {
    const end = tiers[i + 1]?.from ?? Infinity;
    const inTier = Math.max(0, Math.min(quantity, end) - tier.from);
    pico += (inTier * Math.round(tier.usd * PICO_PER_USD)) / price.per;
  });
  return Math.floor(pico / PICO_PER_MICRO + 0.5);
}

/** A line item: `explain` says where the quantity comes from; the detail ends with "quantity unit × unit price". */
export function line(
  component: string,
  quantity: number,
  quantityUnit: string,
  price: Price,
  explain?: string,
): LineItem {
  const microUsd = costOf(quantity, price);
  const tiered = price.over?.some((tier) => quantity > tier.from) ? ' (tiered)' : '';
  const amount = `${formatQuantity(quantity)} ${quantityUnit} × ${formatPrice(price)}${tiered}`;
  return { component, detail: explain ? `${explain} → ${amount}` : amount, microUsd, usd: microUsd / 1e6 };
}

/** A line that costs nothing, with the reason. */
export function noCharge(component: string, reason: string): LineItem {
  return { component, detail: reason, microUsd: 0, usd: 0 };
}

export function sum(lines: readonly LineItem[]): MicroUsd {
  return lines.reduce((total, item) => total + item.microUsd, 0);
}

/** Cents, rounded half-up. */
export function toCents(micro: MicroUsd): number {
  return Math.floor(micro / 10_000 + 0.5);
}

/** "1,234.57"; "<0.01" for a charge that rounds to nothing. */
export function formatUsd(micro: MicroUsd): string {
  if (micro > 0 && micro < 5_000) return '<0.01';
  const cents = toCents(micro);
  const dollars = Math.floor(cents / 100).toLocaleString('en-US');
  return `${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

export function formatQuantity(quantity: number): string {
  const digits = quantity !== 0 && Math.abs(quantity) < 0.01 ? 4 : 2;
  return quantity.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** "$0.20 per 1M requests", "$0.0000133334 per GB-second". */
export function formatPrice(price: Price): string {
  return `$${price.usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 10 })} per ${price.unit}`;
}
