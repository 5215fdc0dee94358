import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import * as repo from './einvoice.repository.js';
import type { PartyEinvoiceInput } from './einvoice.schemas.js';

/** A party's endpoint is a scheme and an id together, or neither. */
function assertEndpoint(values: { endpoint_scheme: string; endpoint_id: string }) {
  if (!values.endpoint_scheme !== !values.endpoint_id)
    throw errors.validation([
      {
        path: values.endpoint_id ? 'endpointScheme' : 'endpointId',
        message: 'A Peppol endpoint needs both its scheme (endpointScheme) and its id (endpointId).',
      },
    ]);
}

type PartyRow = NonNullable<Awaited<ReturnType<typeof repo.findPartyWithEinvoice>>>;

function toPartyEinvoiceDto(p: PartyRow) {
  return {
    partyId: p.id,
    vatId: p.tax_id,
    street: p.street,
    city: p.city,
    postalZone: p.postal_zone,
    countryCode: p.country_code,
    endpointScheme: p.endpoint_scheme,
    endpointId: p.endpoint_id,
    version: p.version,
  };
}

export async function getPartyEinvoice(db: Db, partyId: string) {
  const row = await repo.findPartyWithEinvoice(db, partyId);
  if (!row) throw errors.notFound('Party', partyId);
  return toPartyEinvoiceDto(row);
}

/** Sets a party's endpoint and address (with the party's version, which it bumps). */
export async function setPartyEinvoice(db: Db, ctx: RequestContext, partyId: string, input: PartyEinvoiceInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findPartyWithEinvoice(trx, partyId, true);
    if (!before) throw errors.notFound('Party', partyId);
    assertVersion('Party', before, input.version);
    const values = {
      street: input.street ?? before.street,
      city: input.city ?? before.city,
      postal_zone: input.postalZone ?? before.postal_zone,
      country_code: input.countryCode ?? before.country_code,
      endpoint_scheme: input.endpointScheme ?? before.endpoint_scheme,
      endpoint_id: input.endpointId ?? before.endpoint_id,
    };
    assertEndpoint(values);
    await repo.upsertPartyEinvoice(trx, partyId, values);
    await repo.touchParty(trx, partyId);
    const after = (await repo.findPartyWithEinvoice(trx, partyId))!;
    await writeAudit(trx, ctx, {
      action: 'party.einvoice-set',
      entityType: 'finance.party',
      entityId: partyId,
      before: toPartyEinvoiceDto(before),
      after: toPartyEinvoiceDto(after),
    });
    return toPartyEinvoiceDto(after);
  });
}
