import { afterAll, describe, expect, it, vi } from 'vitest';

// The registry's modules import the API client, which reads window.location when loaded.
vi.stubGlobal('window', { location: { origin: 'http://localhost' } });
const { modules } = await import('../modules/registry');
// Test files share their worker (vitest.config.ts): the next file must not find a window.
afterAll(() => vi.unstubAllGlobals());

describe('go-to shortcuts (g then a letter)', () => {
  it('give every module its own lowercase letter, none of them h (the dashboard)', () => {
    const letters = modules.map((m) => m.shortcut);
    for (const [i, letter] of letters.entries()) expect(letter, modules[i]!.id).toMatch(/^[a-z]$/);
    expect(letters).not.toContain('h');
    expect(new Set(letters).size).toBe(letters.length);
    expect(Object.fromEntries(modules.map((m) => [m.id, m.shortcut]))).toMatchObject({
      finance: 'f',
      crm: 'c',
      hr: 'e',
      projects: 'p',
      supply: 's',
      strategy: 'o',
    });
  });
});
