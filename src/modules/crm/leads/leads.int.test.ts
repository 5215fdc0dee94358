import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface LeadBody {
  id: string;
  status: string;
  version: number;
  convertedAt: string | null;
  convertedContactId: string | null;
  errors?: { path: string }[];
}
interface Conversion {
  lead: LeadBody;
  organization: { id: string; name: string };
  contact: {
    id: string;
    firstName: string;
    lastName: string;
    emails: string[];
    leadId: string;
    organizationId: string;
  };
  opportunity: { id: string; leadId: string; amount: string; contactIds: string[]; organizationId: string } | null;
  errors?: { path: string }[];
}

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(() => t.close());

async function qualifiedLead(token: string, extra: Record<string, unknown> = {}) {
  const res = await t.request<LeadBody>('POST', `${CRM}/leads`, {
    token,
    body: {
      name: 'Linus Pauling',
      email: `linus${Math.random()}@chem.example`,
      company: 'Chem Co',
      status: 'qualified',
      score: 80,
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  return res.body;
}

const count = async (table: 'crm.contacts' | 'crm.organizations' | 'crm.opportunities') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('leads', () => {
  it('moves through statuses; disqualifying requires a reason', async () => {
    const lead = await t.request<LeadBody>('POST', `${CRM}/leads`, {
      token: p.repA.token,
      body: { name: 'Marie Curie', source: 'referral' },
    });
    expect(lead.body).toMatchObject({ status: 'new', version: 1 });
    const noReason = await t.request<LeadBody>('PATCH', `${CRM}/leads/${lead.body.id}`, {
      token: p.repA.token,
      body: { version: 1, status: 'disqualified' },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors?.[0]?.path).toBe('disqualifiedReason');
    const ok = await t.request<LeadBody>('PATCH', `${CRM}/leads/${lead.body.id}`, {
      token: p.repA.token,
      body: { version: 1, status: 'disqualified', disqualifiedReason: 'No budget' },
    });
    expect(ok.body).toMatchObject({ status: 'disqualified', disqualifiedReason: 'No budget', version: 2 });
    const bad = await t.request('POST', `${CRM}/leads`, {
      token: p.repA.token,
      body: { name: 'X', score: 101, status: 'hot' },
    });
    expect(bad.status).toBe(422);
    const list = await t.request<{ items: LeadBody[] }>('GET', `${CRM}/leads?status=disqualified`, {
      token: p.repB.token,
    });
    expect(list.body.items).toHaveLength(0);
  });

  it('converts a qualified lead into organization + contact + opportunity, linked back to the lead', async () => {
    const lead = await qualifiedLead(p.repA.token);
    const res = await t.request<Conversion>('POST', `${CRM}/leads/${lead.id}/convert`, {
      token: p.repA.token,
      body: { version: lead.version, opportunity: { amount: '12000.50', currency: 'EUR' } },
    });
    expect(res.status).toBe(201);
    const { organization, contact, opportunity } = res.body;
    expect(organization.name).toBe('Chem Co');
    expect(contact).toMatchObject({
      firstName: 'Linus',
      lastName: 'Pauling',
      leadId: lead.id,
      organizationId: organization.id,
    });
    expect(opportunity).toMatchObject({
      leadId: lead.id,
      amount: '12000.50',
      contactIds: [contact.id],
      organizationId: organization.id,
    });
    expect(res.body.lead).toMatchObject({ convertedContactId: contact.id, status: 'qualified' });
    expect(res.body.lead.convertedAt).not.toBeNull();

    const again = await t.request('POST', `${CRM}/leads/${lead.id}/convert`, {
      token: p.repA.token,
      body: { version: res.body.lead.version },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'https://moms.dev/problems/lead-already-converted' });
  });

  it('converts onto an existing organization without an opportunity', async () => {
    const org = await t.request<{ id: string }>('POST', `${CRM}/organizations`, {
      token: p.repA.token,
      body: { name: 'Existing' },
    });
    const lead = await qualifiedLead(p.repA.token);
    const res = await t.request<Conversion>('POST', `${CRM}/leads/${lead.id}/convert`, {
      token: p.repA.token,
      body: { version: lead.version, organizationId: org.body.id },
    });
    expect(res.status).toBe(201);
    expect(res.body.organization.id).toBe(org.body.id);
    expect(res.body.opportunity).toBeNull();
  });

  it('is all-or-nothing: an invalid stage halfway leaves no contact or organization, and the lead qualified', async () => {
    const lead = await qualifiedLead(p.repA.token);
    const before = {
      c: await count('crm.contacts'),
      o: await count('crm.organizations'),
      op: await count('crm.opportunities'),
    };
    const res = await t.request<Conversion>('POST', `${CRM}/leads/${lead.id}/convert`, {
      token: p.repA.token,
      body: {
        version: lead.version,
        organization: { name: 'Halfway Ltd', domain: 'halfway.example' },
        opportunity: { amount: '10', currency: 'EUR', stageId: '00000000-0000-4000-8000-000000000000' },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.path).toBe('opportunity.stageId');
    expect({
      c: await count('crm.contacts'),
      o: await count('crm.organizations'),
      op: await count('crm.opportunities'),
    }).toEqual(before);
    const after = await t.request<LeadBody>('GET', `${CRM}/leads/${lead.id}`, { token: p.repA.token });
    expect(after.body).toMatchObject({ status: 'qualified', convertedAt: null, version: lead.version });
    const audit = await sql<{ n: string }>`select count(*) as n from platform.audit_log
      where after->>'domain' = 'halfway.example'`.execute(t.db);
    expect(Number(audit.rows[0]?.n)).toBe(0);
  });

  it('refuses to convert a lead that is not qualified, or that the caller cannot see', async () => {
    const lead = await t.request<LeadBody>('POST', `${CRM}/leads`, {
      token: p.repA.token,
      body: { name: 'Niels Bohr', company: 'Q' },
    });
    const res = await t.request('POST', `${CRM}/leads/${lead.body.id}/convert`, {
      token: p.repA.token,
      body: { version: 1 },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'https://moms.dev/problems/lead-not-qualified' });
    const other = await t.request('POST', `${CRM}/leads/${lead.body.id}/convert`, {
      token: p.repB.token,
      body: { version: 1 },
    });
    expect(other.status).toBe(404);
  });
  it('deletes a lead with a version within visibility, audited; a converted lead cannot be deleted (409)', async () => {
    const lead = await qualifiedLead(p.repA.token);
    const del = (id: string, version: number, token = p.repA.token) =>
      t.request<{ type?: string }>('DELETE', `${CRM}/leads/${id}?version=${version}`, { token });
    expect((await del(lead.id, 2)).status).toBe(409);
    expect((await del(lead.id, 1, p.repB.token)).status).toBe(404);
    expect((await del(lead.id, 1)).status).toBe(204);
    expect((await t.request('GET', `${CRM}/leads/${lead.id}`, { token: p.repA.token })).status).toBe(404);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', lead.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['lead.created', 'lead.deleted']);

    const converted = await qualifiedLead(p.repA.token);
    const conv = await t.request<Conversion>('POST', `${CRM}/leads/${converted.id}/convert`, {
      token: p.repA.token,
      body: { version: 1, allowDuplicate: true },
    });
    expect(conv.status).toBe(201);
    const refused = await del(converted.id, conv.body.lead.version);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('https://moms.dev/problems/lead-already-converted');
  });

  it('answers the owner’s name on leads and on every record of a conversion', async () => {
    const lead = await qualifiedLead(p.repA.token);
    const got = await t.request<{ ownerName: string }>('GET', `${CRM}/leads/${lead.id}`, { token: p.manager.token });
    expect(got.body.ownerName).toBe(p.repA.name);
    const conv = await t.request<Record<string, { ownerName: string | null }>>(
      'POST',
      `${CRM}/leads/${lead.id}/convert`,
      {
        token: p.manager.token,
        body: { version: 1, allowDuplicate: true, opportunity: { currency: 'EUR', amount: '10' } },
      },
    );
    expect(conv.status).toBe(201);
    for (const k of ['lead', 'organization', 'contact', 'opportunity'])
      expect(conv.body[k]!.ownerName).toBe(p.repA.name);
  });
});
