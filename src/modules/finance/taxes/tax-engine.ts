import { Decimal } from 'decimal.js';
import type { FieldError } from '../../../platform/errors/app-error.js';
import { Money, minorUnits, roundTo } from '../money.js';
import { TotalsError } from '../documents/totals.js';
import type { TaxTreatment } from './taxes.tables.js';

/**
 * The tax engine: a document's line nets, line taxes and its tax breakdown, computed on the server
 * only, in decimals (never floats). Pure: the codes come resolved (groups expanded, fiscal position
 * applied) from `resolve.ts`.
 */

/** One tax a line is charged with: a code (or a group's component), or the free percentage (no code). */
export interface LineTax {
  taxCodeId: string | null;
  code: string;
  name: string;
  /** A decimal fraction: 0.2 is 20 %. */
  rate: string;
  treatment: TaxTreatment;
  exemptReason: string;
  /** Charged on the net plus the taxes before it in the group. */
  compound: boolean;
  /** Where the tax posts (reverse charge: the input side). */
  accountId: string | null;
  /** Reverse charge: where the self-assessed output tax posts. */
  reverseAccountId: string | null;
  netBox: string;
  taxBox: string;
  reverseTaxBox: string;
}

export interface EngineLine {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxes: LineTax[];
}

export interface EngineOptions {
  currency: string;
  pricesIncludeTax: boolean;
  rounding: 'line' | 'document';
  /** Which side a charged tax is on: output (sales documents) or input (purchase documents). */
  side: 'output' | 'input';
}

/** A row of the document's tax breakdown. */
export interface TaxRow {
  taxCodeId: string | null;
  code: string;
  name: string;
  treatment: TaxTreatment;
  exemptReason: string;
  rate: string;
  side: 'output' | 'input';
  selfAssessed: boolean;
  accountId: string | null;
  box: string;
  netBox: string;
  base: Decimal;
  tax: Decimal;
}

export interface EngineResult {
  lines: { net: Decimal; tax: Decimal; ratePercent: Decimal }[];
  taxes: TaxRow[];
  subtotal: Decimal;
  taxTotal: Decimal;
  total: Decimal;
}

/** The largest amount a numeric(19, 4) column holds. */
const MAX_AMOUNT = new Money('999999999999999.9999');

const isCharged = (t: LineTax) => t.treatment === 'standard';
const zeroRate = (t: LineTax) => t.treatment === 'exempt' || t.treatment === 'zero-rated';
const rateOf = (t: LineTax) => (zeroRate(t) ? new Money(0) : new Money(t.rate));
const keyOf = (t: LineTax) => t.taxCodeId ?? `rate:${new Money(t.rate).toString()}:${t.accountId ?? ''}`;

/**
 * Per line: gross = quantity × unit price × (1 − discount / 100).
 *
 * - Exclusive prices: net = round(gross); each charged tax = rate × (net + the taxes before it when
 *   compound). Inclusive prices: the line total is round(gross), the net is what is left after the
 *   taxes taken out of it: gross / (1 + Σ effective rates), the taxes rounded and the net the rest.
 * - Rounding per line: each line's tax is rounded to the currency; the document's figures are sums.
 *   Rounding per document: each code's tax is rounded once, on the sum of its unrounded line
 *   amounts (three lines of 33.33 at 20 %: 19.998 → 20.00, not 3 × 6.67 = 20.01); the rounded code
 *   total is spread over the lines (largest remainder) so the lines still add up.
 * - Exempt and zero-rated codes charge nothing but report their base. Reverse charge charges the
 *   party nothing: the tax is self-assessed, once as output and once as input (netting to zero).
 */
export function computeDocumentTaxes(lines: EngineLine[], options: EngineOptions): EngineResult {
  const { currency } = options;
  const round = (v: Decimal) => roundTo(v, currency);
  const perDoc = options.rounding === 'document';
  const problems: FieldError[] = [];

  interface Acc {
    tax: LineTax;
    selfAssessed: boolean;
    lineIdx: Set<number>;
    unrounded: Decimal[];
    rounded: Decimal[];
  }
  const charged = new Map<string, Acc>();
  const reverse = new Map<string, Acc>();
  const acc = (map: Map<string, Acc>, t: LineTax, selfAssessed: boolean) => {
    const key = keyOf(t);
    let a = map.get(key);
    if (!a) {
      a = {
        tax: t,
        selfAssessed,
        lineIdx: new Set(),
        unrounded: lines.map(() => new Money(0)),
        rounded: lines.map(() => new Money(0)),
      };
      map.set(key, a);
    }
    return a;
  };

  const lineTotals: Decimal[] = [];
  const lineNets: Decimal[] = [];
  const ratePercents: Decimal[] = [];
  lines.forEach((line, i) => {
    const gross = new Money(line.quantity)
      .times(line.unitPrice)
      .times(new Money(1).minus(new Money(line.discountPercent).div(100)));
    // Effective coefficient of each charged tax on the net: c = rate × (1 + Σ earlier c when compound).
    const coefficients: Decimal[] = [];
    let sumBefore = new Money(0);
    for (const t of line.taxes) {
      if (!isCharged(t)) {
        coefficients.push(new Money(0));
        continue;
      }
      const c = rateOf(t).times(new Money(1).plus(t.compound ? sumBefore : 0));
      coefficients.push(c);
      sumBefore = sumBefore.plus(c);
    }
    const factor = new Money(1).plus(sumBefore);
    ratePercents.push(sumBefore.times(100));
    let net: Decimal;
    let exactNet: Decimal;
    const lineTaxes: Decimal[] = line.taxes.map(() => new Money(0));
    if (options.pricesIncludeTax) {
      const total = round(gross);
      exactNet = total.div(factor);
      line.taxes.forEach((t, k) => {
        if (!isCharged(t)) return;
        const u = coefficients[k]!.times(exactNet);
        lineTaxes[k] = perDoc ? u : round(u);
      });
      net = perDoc ? total : total.minus(lineTaxes.reduce((s, x) => s.plus(x), new Money(0)));
      lineTotals.push(total);
    } else {
      net = round(gross);
      exactNet = net;
      let before = new Money(0);
      line.taxes.forEach((t, k) => {
        if (!isCharged(t)) return;
        const base = net.plus(t.compound ? before : 0);
        const u = perDoc ? coefficients[k]!.times(net) : round(rateOf(t).times(base));
        lineTaxes[k] = u;
        before = before.plus(u);
      });
      lineTotals.push(new Money(0)); // filled below
    }
    lineNets.push(net);
    line.taxes.forEach((t, k) => {
      if (t.treatment === 'reverse-charge') {
        const u = rateOf(t).times(exactNet);
        const a = acc(reverse, t, true);
        a.lineIdx.add(i);
        a.unrounded[i] = a.unrounded[i]!.plus(u);
        a.rounded[i] = a.rounded[i]!.plus(perDoc ? u : round(u));
        return;
      }
      const a = acc(charged, t, false);
      a.lineIdx.add(i);
      a.unrounded[i] = a.unrounded[i]!.plus(lineTaxes[k]!);
      a.rounded[i] = a.rounded[i]!.plus(lineTaxes[k]!);
    });
  });

  // Per document: round each code's total once and spread it over the lines.
  const unit = new Money(10).pow(-minorUnits(currency));
  const settle = (a: Acc) => {
    if (!perDoc) return a.rounded.reduce((s, x) => s.plus(x), new Money(0));
    const total = round(a.unrounded.reduce((s, x) => s.plus(x), new Money(0)));
    const floors = a.unrounded.map((u) => u.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_DOWN));
    let left = total.minus(floors.reduce((s, x) => s.plus(x), new Money(0)));
    const order = a.unrounded
      .map((u, i) => ({ i, rest: u.minus(floors[i]!) }))
      .sort((x, y) => y.rest.comparedTo(x.rest) || x.i - y.i);
    for (let n = 0; left.gt(0) && order.length > 0; n = (n + 1) % order.length) {
      const i = order[n]!.i;
      floors[i] = floors[i]!.plus(unit);
      left = left.minus(unit);
    }
    a.rounded = floors;
    return total;
  };

  const taxes: { row: TaxRow; lineIdx: Set<number> }[] = [];
  const lineTax = lines.map(() => new Money(0));
  for (const a of charged.values()) {
    const total = settle(a);
    a.rounded.forEach((r, i) => (lineTax[i] = lineTax[i]!.plus(r)));
    taxes.push({ row: row(a, total, options.side, a.tax.accountId, a.tax.taxBox), lineIdx: a.lineIdx });
  }
  for (const a of reverse.values()) {
    const total = settle(a);
    taxes.push({ row: row(a, total, 'output', a.tax.reverseAccountId, a.tax.reverseTaxBox), lineIdx: a.lineIdx });
    taxes.push({ row: row(a, total, 'input', a.tax.accountId, a.tax.taxBox), lineIdx: a.lineIdx });
  }

  const computed = lines.map((_, i) => {
    const tax = lineTax[i]!;
    // Inclusive per document: the net is the line total less its share of the rounded taxes.
    const net = options.pricesIncludeTax && perDoc ? lineNets[i]!.minus(tax) : lineNets[i]!;
    if (net.plus(tax).gt(MAX_AMOUNT))
      problems.push({ path: `lines.${i}`, message: 'The line amount is too large.', code: 'too_big' });
    return { net, tax, ratePercent: ratePercents[i]! };
  });
  // Each row's base (the taxable amount): the nets of the lines that carry its code.
  for (const t of taxes) t.row.base = [...t.lineIdx].reduce((s, i) => s.plus(computed[i]!.net), new Money(0));
  const subtotal = computed.reduce((s, l) => s.plus(l.net), new Money(0));
  const taxTotal = computed.reduce((s, l) => s.plus(l.tax), new Money(0));
  const total = subtotal.plus(taxTotal);
  if (problems.length === 0 && total.gt(MAX_AMOUNT))
    problems.push({ path: 'lines', message: 'The document total is too large.', code: 'too_big' });
  if (problems.length > 0) throw new TotalsError(problems);
  return { lines: computed, taxes: taxes.map((t) => t.row), subtotal, taxTotal, total };
}

function row(
  a: { tax: LineTax; selfAssessed: boolean },
  total: Decimal,
  side: 'output' | 'input',
  accountId: string | null,
  box: string,
): TaxRow {
  const t = a.tax;
  return {
    taxCodeId: t.taxCodeId,
    code: t.code,
    name: t.name,
    treatment: t.treatment,
    exemptReason: t.exemptReason,
    rate: zeroRate(t) ? '0' : new Money(t.rate).toString(),
    side,
    selfAssessed: a.selfAssessed && side === 'output',
    accountId,
    box,
    netBox: t.netBox,
    base: new Money(0),
    tax: total,
  };
}
