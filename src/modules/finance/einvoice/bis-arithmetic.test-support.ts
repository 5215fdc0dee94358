import { XMLParser } from 'fast-xml-parser';
import { Money } from '../money.js';

/**
 * The arithmetic business rules of EN 16931 / Peppol BIS Billing 3.0 that MOMS's figures must keep,
 * re-stated for the tests (the official Schematron needs an XSLT 2 processor the project does not
 * have). Returns the rules a document breaks, by their official ids; [] when it keeps them all.
 */
type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['InvoiceLine', 'CreditNoteLine', 'TaxSubtotal', 'AllowanceCharge', 'TaxTotal'].includes(name),
});
const text = (n: unknown): string => (typeof n === 'object' && n !== null ? String((n as Node)['#text']) : String(n));
const num = (n: unknown) => new Money(text(n));
const sum = (values: Money[]) => values.reduce((a, b) => a.plus(b), new Money(0));

export function bisArithmeticViolations(xml: string): string[] {
  const tree = parser.parse(xml) as Node;
  const doc = (tree.Invoice ?? tree.CreditNote) as Node;
  const lines = ((doc.InvoiceLine ?? doc.CreditNoteLine) as Node[]) ?? [];
  const totals = doc.LegalMonetaryTotal as Node;
  const taxTotal = (doc.TaxTotal as Node[])[0]!;
  const subtotals = (taxTotal.TaxSubtotal as Node[]) ?? [];
  const broken: string[] = [];
  const check = (rule: string, ok: boolean) => {
    if (!ok) broken.push(rule);
  };
  const lineNets = lines.map((l) => num(l.LineExtensionAmount));
  check('BR-CO-10', num(totals.LineExtensionAmount).eq(sum(lineNets)));
  check('BR-CO-13', num(totals.TaxExclusiveAmount).eq(num(totals.LineExtensionAmount)));
  check('BR-CO-14', num(taxTotal.TaxAmount).eq(sum(subtotals.map((s) => num(s.TaxAmount)))));
  check('BR-CO-15', num(totals.TaxInclusiveAmount).eq(num(totals.TaxExclusiveAmount).plus(num(taxTotal.TaxAmount))));
  check('BR-CO-16', num(totals.PayableAmount).eq(num(totals.TaxInclusiveAmount)));
  for (const s of subtotals) {
    const category = s.TaxCategory as Node;
    const id = text(category.ID);
    const percent = num(category.Percent);
    const inCategory = lines.filter((l) => {
      const c = (l.Item as Node).ClassifiedTaxCategory as Node;
      return text(c.ID) === id && num(c.Percent).eq(percent);
    });
    // BR-S-08, BR-E-08, BR-AE-08, BR-IC-08, BR-G-08, BR-Z-08: the taxable amount of a category is its lines' sum.
    check(
      `BR-${id === 'K' ? 'IC' : id}-08`,
      num(s.TaxableAmount).eq(sum(inCategory.map((l) => num(l.LineExtensionAmount)))),
    );
    // BR-S-09 (with the ±1 cent per line the official rule's rounding allows); the others carry no tax.
    if (id === 'S') {
      const expected = num(s.TaxableAmount).times(percent).div(100);
      check(
        'BR-S-09',
        num(s.TaxAmount)
          .minus(expected)
          .abs()
          .lte(new Money('0.01').times(Math.max(inCategory.length, 1))),
      );
    } else check(`BR-${id === 'K' ? 'IC' : id}-09`, num(s.TaxAmount).eq(0));
  }
  // PEPPOL-EN16931-R120: line net = quantity × (price / base quantity) + charges − allowances (to the cent).
  for (const l of lines) {
    const quantity = num(l.InvoicedQuantity ?? l.CreditedQuantity);
    const price = l.Price as Node;
    const base = price.BaseQuantity === undefined ? new Money(1) : num(price.BaseQuantity);
    const allowances = ((l.AllowanceCharge as Node[] | undefined) ?? []).map((a) =>
      text(a.ChargeIndicator) === 'true' ? num(a.Amount).neg() : num(a.Amount),
    );
    const expected = quantity.times(num(price.PriceAmount).div(base)).minus(sum(allowances));
    check('PEPPOL-EN16931-R120', expected.minus(num(l.LineExtensionAmount)).abs().lt('0.01'));
  }
  return broken;
}
