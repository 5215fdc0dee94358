import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../src/gateway/local/local-stack.js';
import { createTestDatabase } from '../../test/harness/test-db.js';
import { testConfig } from '../../test/harness/test-app.js';

/**
 * End-to-end tests: the real local stack (API Gateway emulator + Lambda handlers + web/dist) on a free
 * port, with a migrated database of its own (a PGlite snapshot, or a clone of the PostgreSQL template
 * when DATABASE_URL is set — the same databases the other tests use), driven by headless Chromium.
 */
export const ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-2026' } as const;
export const USER_PASSWORD = 'e2e-user-password-2026';

const CHROMIUM = '/usr/bin/chromium';
/**
 * `describe.skipIf(chromiumMissing)`: on a laptop without Debian's chromium the e2e tests are skipped
 * (with a notice); in CI (CI=true, where .ci/run installs it) they always run, so they cannot silently vanish.
 */
export const chromiumMissing = !existsSync(CHROMIUM) && !process.env.CI;
if (chromiumMissing) console.warn(`web e2e tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`);

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const SCREENSHOTS = path.join(REPO_ROOT, 'test-results/screenshots');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2E {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  stack: LocalStack;
  browser: Browser;
  /** A page in a fresh browser context (its own storage: nobody signed in). Phone size with `{ phone: true }`. */
  newPage: (options?: { phone?: boolean; colorScheme?: 'light' | 'dark' }) => Promise<Page>;
  /** Calls the API as the administrator: `await e2e.api('POST', '/api/v1/auth/roles', body)`. */
  api: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
  /** Creates an active user with these roles (through the API) who can sign in with `password`. */
  createUserWithRoles: (
    roles: string[],
    options?: { email?: string; name?: string },
  ) => Promise<{ id: string; email: string; password: string }>;
  close: () => Promise<void>;
}

let counter = 0;

/** Starts the stack and Chromium for one test file: `beforeAll(async () => { e2e = await startE2E(); })`. */
export async function startE2E(): Promise<E2E> {
  const buildError = inject('webBuildError');
  if (buildError) throw new Error(`The web app did not build, so there is nothing to test: ${buildError}`);
  const database = await createTestDatabase();
  const stack = await startLocalStack(
    testConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      MOMS_ADMIN_EMAIL: ADMIN.email,
      MOMS_ADMIN_PASSWORD: ADMIN.password,
      WEB_DIST_DIR: path.join(REPO_ROOT, 'web/dist'),
    }),
    { database },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const baseUrl = stack.url;

  let adminToken: string | undefined;
  const api: E2E['api'] = async <T>(method: string, url: string, body?: unknown) => {
    if (!adminToken) {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      if (!res.ok) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
      adminToken = ((await res.json()) as { accessToken: string }).accessToken;
    }
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  return {
    baseUrl,
    stack,
    browser,
    api,
    newPage: async (options = {}) => {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
        ...(options.phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
        colorScheme: options.colorScheme ?? 'light',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    },
    createUserWithRoles: async (roles, options = {}) => {
      const email = options.email ?? `user${++counter}-${Date.now()}@e2e.test`;
      const user = await api<{ id: string }>('POST', '/api/v1/auth/users', {
        email,
        name: options.name ?? `E2E User ${counter}`,
        password: USER_PASSWORD,
        roles,
      });
      return { id: user.id, email, password: USER_PASSWORD };
    },
    close: async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await stack.close();
      await database.close();
    },
  };
}

/** Opens the app and signs in through the login form; resolves when the signed-in shell shows. */
export async function loginAs(page: Page, email: string, password: string, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /account menu/ }).waitFor();
}

/** Saves `test-results/screenshots/<name>.png` (every e2e test saves at least one). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.evaluate('window.scrollTo(0, 0)'); // a sticky header drawn mid-page otherwise
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
