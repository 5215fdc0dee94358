import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { accountForRole } from '../ledger/chart.js';
import { Money } from '../money.js';
import type { EngineLine, LineTax } from './tax-engine.js';
import * as repo from './taxes.repository.js';

export interface LineTaxInput {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate?: string | undefined;
  taxCodeId?: string | undefined;
  /** The line's account (after its default). */
  accountId: string;
}

const invalid = (path: string, message: string) => errors.validation([{ path, message }], message);

/**
 * Turns a document's lines into the engine's input: each line's code is the one it names, else the
 * default code of its account (when it names no free percentage either), then mapped by the party's
 * fiscal position; a group stands for its components. A line with no code keeps today's behaviour:
 * its free percentage, posted to the tax-payable / tax-receivable account. A credit note (vendor
 * credit) reverses tax at the rate the credited document was charged with.
 */
export async function resolveLineTaxes(
  trx: Db,
  input: {
    side: 'customer' | 'vendor';
    partyId: string;
    creditsDocumentId: string | null;
    lines: LineTaxInput[];
  },
): Promise<{ lines: EngineLine[]; codeIds: (string | null)[] }> {
  const kind = input.side === 'customer' ? 'sales' : 'purchase';
  // 1. The code each line names, or its account's default.
  const defaults = new Map(
    (
      await repo.accountDefaultsFor(
        trx,
        input.lines.filter((l) => !l.taxCodeId && l.taxRate === undefined).map((l) => l.accountId),
      )
    ).map((d) => [d.account_id, d.tax_code_id]),
  );
  const requested = input.lines.map((l, i) => {
    if (l.taxCodeId && l.taxRate !== undefined && !new Money(l.taxRate).eq(0))
      throw invalid(`lines.${i}.taxRate`, 'A line has either a tax code or a free tax rate, not both.');
    return l.taxCodeId ?? (l.taxRate === undefined ? (defaults.get(l.accountId) ?? null) : null);
  });
  // 2. The party's fiscal position maps them.
  const party = await repo.partyFiscalPosition(trx, input.partyId);
  const maps = party?.fiscal_position_id
    ? new Map(
        (await repo.positionMapsOf(trx, party.fiscal_position_id)).map((m) => [m.from_tax_code_id, m.to_tax_code_id]),
      )
    : new Map<string, string>();
  const codeIds = requested.map((id) => (id ? (maps.get(id) ?? id) : null));
  // 3. Load the codes and the groups' components.
  const codes = new Map(
    (
      await repo.findTaxCodes(
        trx,
        codeIds.filter((x): x is string => x !== null),
      )
    ).map((c) => [c.id, c]),
  );
  const groups = [...codes.values()].filter((c) => c.is_group).map((c) => c.id);
  const components = await repo.componentsOf(trx, groups);
  const componentCodes = new Map(
    (
      await repo.findTaxCodes(
        trx,
        components.map((c) => c.component_id),
      )
    ).map((c) => [c.id, c]),
  );
  // 4. A credit reverses at the credited document's rates.
  const creditedRates = new Map<string, string>();
  if (input.creditsDocumentId) {
    for (const t of await repo.documentTaxesOf(trx, input.creditsDocumentId))
      if (t.tax_code_id && !creditedRates.has(t.tax_code_id)) creditedRates.set(t.tax_code_id, t.rate);
  }
  const freeAccount = await accountForRole(trx, input.side === 'customer' ? 'tax-payable' : 'tax-receivable');

  const toTax = (c: repo.TaxCodeRow, compound: boolean): LineTax => ({
    taxCodeId: c.id,
    code: c.code,
    name: c.name,
    rate: creditedRates.get(c.id) ?? c.rate,
    treatment: c.treatment,
    exemptReason: c.exempt_reason,
    compound,
    accountId: c.account_id,
    reverseAccountId: c.reverse_account_id,
    netBox: c.net_box,
    taxBox: c.tax_box,
    reverseTaxBox: c.reverse_tax_box,
  });

  const lines = input.lines.map((l, i): EngineLine => {
    const id = codeIds[i];
    const base = { quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent };
    if (!id) {
      const percent = new Money(l.taxRate ?? '0');
      return {
        ...base,
        taxes: [
          {
            taxCodeId: null,
            code: '',
            name: '',
            rate: percent.div(100).toString(),
            treatment: 'standard',
            exemptReason: '',
            compound: false,
            accountId: freeAccount,
            reverseAccountId: null,
            netBox: '',
            taxBox: '',
            reverseTaxBox: '',
          },
        ],
      };
    }
    const path = `lines.${i}.taxCodeId`;
    const code = codes.get(id);
    if (!code) throw invalid(path, `No tax code ${id}.`);
    if (!code.active) throw invalid(path, `The tax code ${code.code} is deactivated.`);
    if (code.kind !== kind)
      throw invalid(path, `The tax code ${code.code} is a ${code.kind} tax: this document needs a ${kind} tax code.`);
    if (!code.is_group) return { ...base, taxes: [toTax(code, false)] };
    const parts = components.filter((c) => c.group_id === id);
    if (parts.length === 0) throw invalid(path, `The tax group ${code.code} has no components.`);
    return {
      ...base,
      taxes: parts.map((p) => {
        const c = componentCodes.get(p.component_id)!;
        if (!c.active) throw invalid(path, `The tax code ${c.code} (in ${code.code}) is deactivated.`);
        return toTax(c, p.compound);
      }),
    };
  });
  return { lines, codeIds };
}
