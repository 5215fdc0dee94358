import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/platform/auth/client-address.js';
import { APP_SHELL_FUNCTION, VIEWER_ADDRESS_FUNCTION } from './static-site.js';

interface ViewerRequestEvent {
  viewer: { ip: string };
  request: { headers: Record<string, { value: string }> };
}

/** Runs the CloudFront Function's source as CloudFront would: `handler(event)` returns the request. */
const handler = new Function(`${VIEWER_ADDRESS_FUNCTION}; return handler;`)() as (
  event: ViewerRequestEvent,
) => ViewerRequestEvent['request'];

describe('the viewer-address CloudFront Function', () => {
  it('writes the viewer’s IP, over any value the viewer sent', () => {
    const request = handler({
      viewer: { ip: '198.51.100.10' },
      request: { headers: { 'x-moms-viewer-address': { value: '10.0.0.1' }, accept: { value: '*/*' } } },
    });
    expect(request.headers['x-moms-viewer-address']).toEqual({ value: '198.51.100.10' });
    expect(request.headers.accept).toEqual({ value: '*/*' });
  });

  it('yields the address the API trusts behind the origin secret', () => {
    const secret = 's'.repeat(48);
    const request = handler({ viewer: { ip: '2001:db8::7' }, request: { headers: {} } });
    const headers = {
      'x-origin-verify': secret,
      'x-moms-viewer-address': request.headers['x-moms-viewer-address']!.value,
    };
    const event = { requestContext: { http: { sourceIp: '130.176.1.1' } }, headers };
    expect(clientAddress(event, { originVerifySecret: secret })).toBe('2001:db8::7');
  });
});

describe('the app-shell CloudFront Function (the web app’s behaviour)', () => {
  const shell = new Function(`${APP_SHELL_FUNCTION}; return handler;`)() as (event: { request: { uri: string } }) => {
    uri: string;
  };
  const uriFor = (uri: string) => shell({ request: { uri } }).uri;

  it('serves /index.html for client-side routes, files as asked', () => {
    expect(uriFor('/')).toBe('/index.html');
    expect(uriFor('/finance/invoices')).toBe('/index.html');
    expect(uriFor('/crm/organizations/3f6c1a2e-0000-4000-8000-000000000000')).toBe('/index.html');
    expect(uriFor('/assets/index-1a2b3c.js')).toBe('/assets/index-1a2b3c.js');
    expect(uriFor('/favicon.svg')).toBe('/favicon.svg');
    expect(uriFor('/api/v1/crm/contacts')).toBe('/api/v1/crm/contacts');
  });
});
