import encodeQR from 'qr';

/**
 * The EPC QR code ("GiroCode", EPC069-12 v002) a banking app scans to fill in a SEPA credit
 * transfer: the creditor, IBAN, amount in euros and the structured (RF) reference. Only for an
 * amount in EUR of 0.01 to 999,999,999.99 and a known IBAN; null otherwise.
 */
export function epcPayload(input: {
  name: string;
  iban: string;
  bic: string;
  currency: string;
  amount: string;
  reference: string;
}): string | null {
  const amount = input.amount;
  if (input.currency !== 'EUR' || !input.iban || !input.name.trim()) return null;
  if (!/^[0-9]{1,9}\.[0-9]{2}$/.test(amount) || /^0+\.00$/.test(amount)) return null;
  return [
    'BCD',
    '002',
    '1',
    'SCT',
    input.bic,
    input.name
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, 70),
    input.iban.replace(/\s+/g, ''),
    `EUR${amount}`,
    '',
    input.reference,
    '',
  ].join('\n');
}

/** The QR code's modules (medium error correction, as EPC069-12 asks). */
export function qrMatrix(text: string): boolean[][] {
  return encodeQR(text, 'raw', { ecc: 'medium' });
}
