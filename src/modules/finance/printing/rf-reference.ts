/**
 * The structured creditor reference of ISO 11649 ("RF18 5390 0754 7034"): `RF`, two check digits and
 * up to 21 letters and digits, checked like an IBAN (ISO 7064 MOD 97-10). A payer's bank carries it
 * unchanged to the creditor, who matches the payment to the document by it.
 */

/** The letters and digits of `source` (a document number), upper case, at most 21 (the last ones). */
export function referenceBody(source: string): string {
  const body = source.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (body.length === 0) throw new Error('A creditor reference needs at least one letter or digit');
  return body.slice(-21);
}

/** `A` → 10 … `Z` → 35; digits as they are; the remainder mod 97 of the resulting number. */
export function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest;
}

/** The RF reference of `source` (its letters and digits): `RF` + check digits + body, no spaces. */
export function rfReference(source: string): string {
  const body = referenceBody(source);
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** Whether `reference` (spaces allowed) is a valid RF creditor reference. */
export function isValidRfReference(reference: string): boolean {
  const compact = reference.replace(/\s+/g, '').toUpperCase();
  if (!/^RF[0-9]{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** In groups of four for print: `RF18 5390 0754 7034`. */
export function groupedReference(reference: string): string {
  return reference.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Whether `iban` (spaces allowed) has the form and check digits of an IBAN (ISO 13616). */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}
