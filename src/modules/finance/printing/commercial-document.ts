import { z } from 'zod';
import { lazy } from '../../../platform/modules/lazy.js';

const text = (max: number) => z.string().max(max);

/**
 * A commercial document another module owns (Supply's quotations and sales orders), printed with
 * Finance's letterhead, logo and fonts. The amounts are the owner's, printed as given: Finance
 * computes nothing here. Also the payload of the send job (what was sent is what the sender saw).
 * Built on first use (memoized). The send job's payload schema names it (printing.jobs.schemas.ts,
 * imported with the first job): no manifest imports this file, so Zod stays off the cold start
 * (docs/adr/0008).
 */
export const commercialDocument = lazy(() => {
  /** A decimal string (never a float on the way): quantities, prices, percentages and amounts. */
  const decimal = z.string().regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'A decimal string, e.g. "1250.00".');
  return z.object({
    /** "Quotation", "Sales order". */
    title: z.string().trim().min(1).max(60),
    /** Printed before the title, e.g. "CANCELLED". */
    marker: text(30).default(''),
    number: z.string().trim().min(1).max(60),
    date: z.iso.date(),
    validUntil: z.iso.date().nullable().default(null),
    /** A Finance party: its name, tax ID and email are printed (looked up by Finance). */
    partyId: z.uuid(),
    partyLabel: text(40).default('Customer'),
    reference: text(200).default(''),
    currency: z.string().regex(/^[A-Z]{3}$/),
    lines: z
      .array(
        z.object({
          description: text(500),
          quantity: decimal,
          unit: text(20).default(''),
          unitPrice: decimal,
          discountPercent: decimal.default('0'),
          amount: decimal,
        }),
      )
      .max(500),
    subtotal: decimal,
    /** Null: no tax line (the owner does not charge tax on this document). */
    taxTotal: decimal.nullable().default(null),
    total: decimal,
    notes: text(4000).default(''),
  });
});
export type CommercialDocumentInput = z.input<ReturnType<typeof commercialDocument>>;
export type CommercialDocumentT = z.output<ReturnType<typeof commercialDocument>>;
