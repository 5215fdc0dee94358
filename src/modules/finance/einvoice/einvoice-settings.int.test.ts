import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty } from '../documents/test-support.js';

/**
 * Issue #22: the e-invoicing fields of Finance's one company profile (`/document-settings`) and a
 * party's endpoint, with versions, rules and rights.
 */

let t: TestApp;
let admin: string;
let accountant: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['finance-admin'])).token;
  accountant = (await t.userWithRoles(['accountant'])).token;
});
afterAll(() => t.close());

interface Profile {
  legalName: string;
  vatId: string;
  countryCode: string;
  endpointScheme: string;
  endpointId: string;
  iban: string;
  version: number;
}

describe('the company profile: its e-invoicing fields', () => {
  it('starts empty, changes with its version (normalized), and only for finance:admin', async () => {
    const start = await t.request<Profile>('GET', `${F}/document-settings`, { token: accountant });
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ legalName: '', vatId: '', endpointId: '', version: 1 });
    // One profile: the e-invoicing route of its own is gone.
    expect((await t.request('GET', `${F}/e-invoicing/profile`, { token: accountant })).status).toBe(404);
    const body = {
      version: 1,
      legalName: 'Acme NV',
      vatId: 'be 0123.456.749',
      countryCode: 'be',
      iban: 'BE71 0961 2345 6769',
    };
    expect((await t.request('PATCH', `${F}/document-settings`, { token: accountant, body })).status).toBe(403);
    const set = await t.request<Profile>('PATCH', `${F}/document-settings`, { token: admin, body });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({
      vatId: 'BE0123456749',
      countryCode: 'BE',
      iban: 'BE71096123456769',
      version: 2,
    });
    const stale = await t.request('PATCH', `${F}/document-settings`, { token: admin, body });
    expect(stale.status).toBe(409);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_type', '=', 'finance.company_profile')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['company-profile.updated']);
  });

  it('refuses a bad country, IBAN or endpoint scheme, and an endpoint id without its scheme', async () => {
    const version = (await t.request<Profile>('GET', `${F}/document-settings`, { token: admin })).body.version;
    const put = (body: Record<string, unknown>) =>
      t.request<{ errors: { path: string }[] }>('PATCH', `${F}/document-settings`, {
        token: admin,
        body: { version, ...body },
      });
    expect((await put({ countryCode: 'BEL' })).body.errors[0]!.path).toBe('countryCode');
    expect((await put({ iban: 'not an iban' })).body.errors[0]!.path).toBe('iban');
    expect((await put({ endpointScheme: 'GLN' })).body.errors[0]!.path).toBe('endpointScheme');
    const half = await put({ endpointId: '0123456749' });
    expect(half.status).toBe(422);
    expect(half.body.errors[0]!.path).toBe('endpointScheme');
    expect((await put({ endpointId: '0123456749', endpointScheme: '0208' })).status).toBe(200);
  });
});

describe("a party's e-invoicing details", () => {
  it("are set with the party's version (which they bump), show its tax id, and 404 for no party", async () => {
    const party = await createParty(t, accountant, { kind: 'customer', name: 'Globex', taxId: 'DE123456789' });
    const put = await t.request<{ version: number; vatId: string; countryCode: string }>(
      'PUT',
      `${F}/parties/${party.id}/e-invoicing`,
      {
        token: accountant,
        body: { countryCode: 'de', endpointScheme: '9930', endpointId: 'DE123456789', version: party.version },
      },
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ vatId: 'DE123456789', countryCode: 'DE', version: party.version + 1 });
    const again = await t.request('PUT', `${F}/parties/${party.id}/e-invoicing`, {
      token: accountant,
      body: { city: 'Berlin', version: party.version },
    });
    expect(again.status).toBe(409);
    const read = await t.request<{ city: string; endpointId: string }>('GET', `${F}/parties/${party.id}/e-invoicing`, {
      token: accountant,
    });
    expect(read.body).toMatchObject({ city: '', endpointId: 'DE123456789' });
    const partyNow = await t.request<{ version: number }>('GET', `${F}/parties/${party.id}`, { token: accountant });
    expect(partyNow.body.version).toBe(party.version + 1);
    const missing = await t.request('GET', `${F}/parties/00000000-0000-4000-8000-000000000000/e-invoicing`, {
      token: accountant,
    });
    expect(missing.status).toBe(404);
    // A party without documents can still be deleted: its details go with it.
    const deleted = await t.request('DELETE', `${F}/parties/${party.id}?version=${party.version + 1}`, {
      token: accountant,
    });
    expect([200, 204]).toContain(deleted.status);
  });
});
