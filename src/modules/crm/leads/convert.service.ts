import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { insertContact, toContactDto } from '../contacts/contacts.service.js';
import { crmErrors } from '../crm.errors.js';
import { displayNames } from '../crm.names.js';
import {
  insertOrganization,
  requireVisibleOrganization,
  toOrganizationDto,
} from '../organizations/organizations.service.js';
import { insertOpportunity } from '../pipeline/opportunities.service.js';
import { scopeOf } from '../visibility.js';
import { findLead, updateLead } from './leads.repository.js';
import type { ConvertLeadInput } from './leads.schemas.js';
import { LEAD_ENTITY, toLeadDto } from './leads.service.js';

function splitName(name: string): { firstName?: string; lastName?: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { firstName: parts[0] };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1) };
}

/**
 * Converts a qualified lead into an organization (existing or new), a contact and optionally an
 * opportunity, all in one transaction: any failure (an invalid stage, a duplicate…) leaves nothing.
 * The new records keep `leadId`; the lead keeps links to them and is then read-only.
 */
export async function convertLead(db: Db, ctx: RequestContext, id: string, input: ConvertLeadInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const lead = await findLead(trx, scope, id, { forUpdate: true });
    if (!lead) throw errors.notFound('Lead', id);
    assertVersion('Lead', lead, input.version);
    if (lead.converted_at) throw crmErrors.leadAlreadyConverted(lead.converted_contact_id);
    if (lead.status !== 'qualified') throw crmErrors.leadNotQualified(lead.status);

    let organization;
    if (input.organizationId) {
      organization = await requireVisibleOrganization(trx, scope, input.organizationId, 'organizationId');
    } else {
      const name = input.organization?.name ?? lead.company;
      if (!name) {
        throw errors.validation([
          { path: 'organization.name', message: 'The lead has no company: name the organization.', code: 'required' },
        ]);
      }
      organization = await insertOrganization(
        trx,
        ctx,
        { ...input.organization, name, ownerId: input.organization?.ownerId ?? lead.owner_id },
        { allowDuplicate: input.allowDuplicate, pathPrefix: 'organization.' },
      );
    }

    const names = { ...splitName(lead.name), ...input.contact };
    if (!names.firstName || !names.lastName) {
      throw errors.validation([
        {
          path: 'contact.lastName',
          message: 'The lead’s name is one word: give the contact’s last name.',
          code: 'required',
        },
      ]);
    }
    const contact = await insertContact(
      trx,
      ctx,
      {
        emails: lead.email ? [lead.email] : [],
        ...input.contact,
        firstName: names.firstName,
        lastName: names.lastName,
        organizationId: organization.id,
        ownerId: input.contact?.ownerId ?? lead.owner_id,
        leadId: lead.id,
      },
      { allowDuplicate: input.allowDuplicate, pathPrefix: 'contact.' },
    );

    const opportunity = input.opportunity
      ? await insertOpportunity(
          trx,
          ctx,
          {
            ...input.opportunity,
            name: input.opportunity.name ?? `${organization.name}: ${lead.name}`,
            organizationId: organization.id,
            ownerId: lead.owner_id,
            contactIds: [contact.id, ...(input.opportunity.contactIds ?? [])],
            leadId: lead.id,
          },
          'opportunity.',
        )
      : null;

    const after = await updateLead(trx, lead.id, {
      converted_at: new Date(),
      converted_contact_id: contact.id,
      converted_organization_id: organization.id,
      converted_opportunity_id: opportunity?.id ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'lead.converted',
      entityType: LEAD_ENTITY,
      entityId: lead.id,
      before: { ...lead },
      after: { ...after },
    });
    const owners = await displayNames(trx, [after.owner_id, organization.owner_id, contact.owner_id]);
    const named = <T extends { ownerId: string }>(dto: T) => ({ ...dto, ownerName: owners.get(dto.ownerId) ?? null });
    return {
      lead: named(toLeadDto(after)),
      organization: named(toOrganizationDto(organization)),
      contact: named(toContactDto({ ...contact, organization_name: organization.name })),
      opportunity,
    };
  });
}
