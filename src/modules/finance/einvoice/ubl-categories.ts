import { Money } from '../money.js';
import type { FiscalPositionKind, TaxTreatment } from '../taxes/taxes.tables.js';

/**
 * VAT category codes (UNCL5305 as Peppol BIS Billing 3.0 uses them) and how MOMS's tax codes map to
 * them. Pure: no database.
 *
 * | MOMS                                                   | category |
 * | ------------------------------------------------------ | -------- |
 * | standard, rate > 0 (or a free percentage > 0)          | S        |
 * | standard at 0 %, zero-rated (domestic)                 | Z        |
 * | exempt                                                 | E        |
 * | reverse-charge                                         | AE       |
 * | zero-rated for a party with an intra-EU fiscal position | K        |
 * | zero-rated for a party with an export fiscal position  | G        |
 */
export const UBL_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export type UblCategory = (typeof UBL_CATEGORIES)[number];

export interface CategoryOfTax {
  category: UblCategory;
  /** The percentage printed (0 for every category but S), as a decimal string. */
  percent: string;
  /** Exemption reason text and code (VATEX), required by BIS for E, AE, K, G; never on S and Z. */
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
}

const DEFAULT_REASONS: Partial<Record<UblCategory, { text: string; code: string | null }>> = {
  E: { text: 'Exempt from VAT', code: null },
  AE: { text: 'Reverse charge', code: 'VATEX-EU-AE' },
  K: { text: 'Intra-community supply', code: 'VATEX-EU-IC' },
  G: { text: 'Export outside the EU', code: 'VATEX-EU-G' },
};

/** The category of a tax (a code's treatment and rate, a decimal fraction) charged to a party. */
export function categoryOf(
  tax: { treatment: TaxTreatment; rate: string; exemptReason: string },
  fiscalPosition: FiscalPositionKind | null,
): CategoryOfTax {
  const rate = new Money(tax.rate);
  let category: UblCategory;
  if (tax.treatment === 'reverse-charge') category = 'AE';
  else if (tax.treatment === 'exempt') category = 'E';
  else if (tax.treatment === 'zero-rated')
    category = fiscalPosition === 'intra-eu' ? 'K' : fiscalPosition === 'export' ? 'G' : 'Z';
  else category = rate.gt(0) ? 'S' : 'Z';
  const reason = DEFAULT_REASONS[category];
  return {
    category,
    percent: category === 'S' ? rate.times(100).toFixed() : '0',
    exemptionReason: reason ? tax.exemptReason.trim() || reason.text : null,
    exemptionReasonCode: reason?.code ?? null,
  };
}

/** A purchase tax code an imported line may take. */
export interface PurchaseCode {
  id: string;
  code: string;
  rate: string;
  treatment: TaxTreatment;
}

export type LineTaxChoice = { taxCodeId: string } | { taxRate: string } | { missing: string } | { unsupported: string };

/**
 * The purchase tax of an imported line of a category and percentage: the first active purchase code
 * (by code) of the matching treatment (and rate, for S); else a free percentage where that is the
 * same tax (S at its rate, 0 for Z, E, G, O); reverse charge (AE, K) needs a reverse-charge code, since
 * the tax is self-assessed.
 */
export function purchaseTaxFor(category: string, percent: string, codes: readonly PurchaseCode[]): LineTaxChoice {
  const pct = new Money(percent);
  const first = (treatment: TaxTreatment, rate?: Money) =>
    codes.find((c) => c.treatment === treatment && (rate === undefined || new Money(c.rate).eq(rate)));
  const found = (c: PurchaseCode | undefined, fallback: LineTaxChoice): LineTaxChoice =>
    c ? { taxCodeId: c.id } : fallback;
  switch (category) {
    case 'S':
      if (pct.lte(0)) return { unsupported: 'Category S (standard rate) needs a percentage above 0.' };
      return found(first('standard', pct.div(100)), { taxRate: pct.toFixed() });
    case 'Z':
      return found(first('zero-rated') ?? first('standard', new Money(0)), { taxRate: '0' });
    case 'E':
      return found(first('exempt'), { taxRate: '0' });
    case 'G':
      return found(first('zero-rated'), { taxRate: '0' });
    case 'O':
      return { taxRate: '0' };
    case 'AE':
    case 'K':
      return found(first('reverse-charge'), {
        missing: `Category ${category} is self-assessed: it needs an active purchase tax code with the treatment reverse-charge.`,
      });
    default:
      return { unsupported: `The VAT category ${category} is not supported.` };
  }
}
