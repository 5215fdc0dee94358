import { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { TestApp } from '../../../../test/harness/test-app.js';
import type { LocalFileStore } from '../../../platform/files/local-file-store.js';
import { EINVOICE_INBOX_RECORD_ID } from './einvoice.attachments.js';
import { F, createParty } from '../documents/test-support.js';

/** Helpers for the e-invoicing integration tests. */

export interface Identity {
  legalName: string;
  vatId: string;
  countryCode: string;
  endpointScheme: string;
  endpointId: string;
}

export const ACME: Identity = {
  legalName: 'Acme Trading NV',
  vatId: 'BE0123456749',
  countryCode: 'BE',
  endpointScheme: '0208',
  endpointId: '0123456749',
};
export const GLOBEX: Identity = {
  legalName: 'Globex GmbH',
  vatId: 'DE123456789',
  countryCode: 'DE',
  endpointScheme: '9930',
  endpointId: 'DE123456789',
};

/** Sets the company profile (PATCH /document-settings) to `who`, with an address and a bank account. */
export async function setProfile(t: TestApp, token: string, who: Identity, extra: Record<string, unknown> = {}) {
  const current = await t.request<{ version: number }>('GET', `${F}/document-settings`, { token });
  expect(current.status, JSON.stringify(current.body)).toBe(200);
  const res = await t.request('PATCH', `${F}/document-settings`, {
    token,
    body: {
      ...who,
      street: 'Main street 1',
      city: 'Town',
      postalZone: '1000',
      iban: 'BE71 0961 2345 6769',
      bic: 'GKCCBEBB',
      version: current.body.version,
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A party with `who`'s VAT id (its tax id) and, unless `endpoint` is false, its endpoint and country. */
export async function partyFor(
  t: TestApp,
  token: string,
  kind: 'customer' | 'vendor',
  who: Identity,
  options: { endpoint?: boolean; name?: string } = {},
) {
  const party = await createParty(t, token, { kind, name: options.name ?? who.legalName, taxId: who.vatId });
  if (options.endpoint === false) return { id: party.id, version: party.version };
  const res = await t.request<{ version: number }>('PUT', `${F}/parties/${party.id}/e-invoicing`, {
    token,
    body: {
      countryCode: who.countryCode,
      endpointScheme: who.endpointScheme,
      endpointId: who.endpointId,
      street: 'Road 2',
      city: 'City',
      postalZone: '2000',
      version: party.version,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id: party.id, version: res.body.version };
}

export async function taxCode(t: TestApp, token: string, body: Record<string, unknown>) {
  const res = await t.request<{ id: string }>('POST', `${F}/tax-codes`, { token, body });
  if (res.status !== 201) throw new Error(`tax code: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** GET the UBL of a document: status, body text and content type. */
export async function ubl(t: TestApp, token: string, path: 'invoices' | 'credit-notes', id: string) {
  const res = await t.request<string>('GET', `${F}/${path}/${id}/ubl`, { token });
  return { status: res.status, xml: res.body, contentType: res.headers.get('content-type') };
}

/** The text of the first `<name>` in the XML (a test's way of reading the figures back). */
export function valueOf(xml: string, name: string, after = ''): string | undefined {
  const from = after ? xml.indexOf(after) : 0;
  const match = new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(xml.slice(Math.max(from, 0)));
  return match?.[1];
}

/** Uploads a file to the e-invoice inbox as a browser does (declare, PUT to the signed URL, complete). */
export async function uploadToInbox(t: TestApp, token: string, text: string, contentType = 'application/xml') {
  const bytes = Buffer.from(text, 'utf8');
  const declared = await t.request<{ id: string; upload: { url: string } }>('POST', '/api/v1/files/uploads', {
    token,
    body: {
      recordType: 'finance.einvoice-inbox',
      recordId: EINVOICE_INBOX_RECORD_ID,
      fileName: 'invoice.xml',
      contentType,
      size: bytes.length,
    },
  });
  expect(declared.status, JSON.stringify(declared.body)).toBe(201);
  const store = (await t.runtime.getFileStore()) as LocalFileStore;
  const url = new URL(declared.body.upload.url);
  const check = store.verify('PUT', url.pathname + url.search);
  if (!check.ok) throw new Error('upload URL refused');
  expect(await store.receive(check.grant, Readable.from([bytes]))).toBe('ok');
  const done = await t.request<{ id: string }>('POST', `/api/v1/files/uploads/${declared.body.id}/complete`, { token });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  return done.body.id;
}
