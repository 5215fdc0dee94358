import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

interface Stage {
  id: string;
  name: string;
  isWon: boolean;
  isLost: boolean;
}
interface Pipeline {
  id: string;
  isDefault: boolean;
  stages: Stage[];
}
interface Opportunity {
  id: string;
  name: string;
  stageId: string;
  organizationId: string | null;
}

describe.skipIf(chromiumMissing)('crm', { timeout: 90_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates an organization and an opportunity, then drags it to another stage on the board', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/organizations/new');

    // Client validation first.
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText('Required.').first().waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Acme Rockets');
    await page.getByLabel('Domain').fill('acme-rockets.example');
    await page.getByLabel('Industry').fill('Aerospace');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'Acme Rockets', level: 1 }).waitFor();
    const orgId = page.url().split('/').at(-1)!;

    const wile = await e2e.api<{ id: string }>('POST', '/api/v1/crm/contacts', {
      firstName: 'Wile',
      lastName: 'Coyote',
      organizationId: orgId,
    });
    const { baseCurrency } = await e2e.api<{ baseCurrency: string }>('GET', '/api/v1/crm/settings');

    // New opportunity from the organization page: the organization is preselected, the currency is
    // the company's, and one of the organization's contacts is linked.
    await page.getByRole('link', { name: 'New opportunity' }).click();
    await page.getByRole('heading', { name: 'New opportunity' }).waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Rocket fuel deal');
    await page.getByLabel('Amount').fill('12500.00');
    await expect.poll(() => page.getByLabel('Organization', { exact: true }).inputValue()).toBe(orgId);
    expect(await page.getByRole('textbox', { name: /^Currency/ }).inputValue()).toBe(baseCurrency);
    const addContact = page.getByLabel('Add contact');
    await addContact.locator('option', { hasText: 'Wile Coyote' }).waitFor({ state: 'attached' });
    await addContact.selectOption({ label: 'Wile Coyote' });
    await page.getByRole('list', { name: 'Chosen contacts' }).getByRole('link', { name: 'Wile Coyote' }).waitFor();
    await page.getByRole('button', { name: 'Create opportunity' }).click();
    await page.getByRole('heading', { name: 'Rocket fuel deal', level: 1 }).waitFor();
    const oppId = page.url().split('/').at(-1)!;
    const saved = await e2e.api<{ contactIds: string[]; currency: string }>(
      'GET',
      `/api/v1/crm/opportunities/${oppId}`,
    );
    expect(saved).toMatchObject({ contactIds: [wile.id], currency: baseCurrency });

    const { items } = await e2e.api<{ items: Pipeline[] }>('GET', '/api/v1/crm/pipelines');
    const pipeline = items.find((p) => p.isDefault)!;
    const [first, second] = pipeline.stages.filter((s) => !s.isWon && !s.isLost);
    const created = await e2e.api<Opportunity>('GET', `/api/v1/crm/opportunities/${oppId}`);
    expect(created).toMatchObject({ stageId: first!.id, organizationId: orgId });

    // The board: the card sits in the first column; drag it into the second.
    await page.getByRole('link', { name: 'Open the board' }).click();
    const from = page.getByRole('region', { name: first!.name, exact: true });
    const to = page.getByRole('region', { name: second!.name, exact: true });
    const card = from.getByRole('listitem').filter({ has: page.getByRole('article', { name: 'Rocket fuel deal' }) });
    await card.waitFor();
    // Cards carry their organization's and owner's names (no per-card requests).
    await card.getByText('Acme Rockets').waitFor();
    await screenshot(page, 'crm-board-before-drag');
    await card.dragTo(to.getByRole('list'));

    await to.getByRole('article', { name: 'Rocket fuel deal' }).waitFor();
    await expect
      .poll(async () => (await e2e.api<Opportunity>('GET', `/api/v1/crm/opportunities/${oppId}`)).stageId)
      .toBe(second!.id);
    expect(await from.getByRole('article', { name: 'Rocket fuel deal' }).count()).toBe(0);
    // After the refetch it is still there (not only the optimistic update).
    await page.reload();
    await page
      .getByRole('region', { name: second!.name, exact: true })
      .getByRole('article', { name: 'Rocket fuel deal' })
      .waitFor();
    await screenshot(page, 'crm-board-after-drag');

    // The keyboard alternative: the card's Move menu.
    await page.getByRole('button', { name: 'Move Rocket fuel deal' }).click();
    await page.getByRole('button', { name: `Move to ${first!.name}` }).click();
    await from.getByRole('article', { name: 'Rocket fuel deal' }).waitFor();
    await expect
      .poll(async () => (await e2e.api<Opportunity>('GET', `/api/v1/crm/opportunities/${oppId}`)).stageId)
      .toBe(first!.id);

    // The timeline of the opportunity shows the stage changes.
    await page.goto(`/crm/opportunities/${oppId}`);
    await page.getByText(`Stage: ${second!.name} → ${first!.name}`).waitFor();
    await screenshot(page, 'crm-opportunity-detail');
    // One entry per stage move (created, there, back), never a second one in column names.
    await expect.poll(() => page.getByText(/^Stage: /).count()).toBe(3);
    expect(await page.getByText(/stage id/).count()).toBe(0);

    // A call logged on the deal shows on its organization's timeline too.
    await e2e.api('POST', '/api/v1/crm/activities', {
      type: 'call',
      subject: 'Fuel pricing call',
      opportunityId: oppId,
    });
    await page.goto(`/crm/organizations/${orgId}`);
    await page.getByText('Call: Fuel pricing call').waitFor();
    await page.goto(`/crm/opportunities/${oppId}`);

    // Delete it, after confirming.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Rocket fuel deal?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Opportunities', level: 1 }).waitFor();
    await expect(e2e.api('GET', `/api/v1/crm/opportunities/${oppId}`)).rejects.toThrow(/: 404 /);
  });

  it('warns of a duplicate contact where the user is looking, in plain words, with both ways on', async () => {
    const existing = await e2e.api<{ id: string }>('POST', '/api/v1/crm/contacts', {
      firstName: 'Ada',
      lastName: 'Byron',
      emails: ['ada@analytical.example'],
    });
    const page = await e2e.newPage({ phone: true });
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/contacts/new');
    await page.getByRole('textbox', { name: /^First name/ }).fill('Ada');
    await page.getByRole('textbox', { name: /^Last name/ }).fill('King');
    await page.getByRole('textbox', { name: /^Emails/ }).fill('ada@analytical.example');
    await page.getByRole('button', { name: 'Create contact' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'Possible duplicate contact' });
    await notice.getByText('A contact with the email ada@analytical.example already exists.').waitFor();
    // In view (not above the visible area), and no API jargon.
    const inView = async () => {
      const box = await notice.boundingBox();
      const height = page.viewportSize()?.height ?? 0;
      return box !== null && box.y >= 0 && box.y + box.height <= height;
    };
    await expect.poll(inView).toBe(true);
    expect(await notice.getByText(/allowDuplicate/).count()).toBe(0);
    await screenshot(page, 'crm-duplicate-contact');
    expect(await notice.getByRole('link', { name: 'Open the existing contact' }).getAttribute('href')).toBe(
      `/crm/contacts/${existing.id}`,
    );
    await notice.getByRole('button', { name: 'Create anyway' }).click();
    await page.getByRole('heading', { name: 'Ada King', level: 1 }).waitFor();
  });

  it('asks before leaving a form with unsaved input, and keeps it when the user stays', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/contacts/new');
    const first = page.getByRole('textbox', { name: /^First name/ });
    await first.fill('Unsaved');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Organizations' }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Stay on this page' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/crm/contacts/new');
    expect(await first.inputValue()).toBe('Unsaved');

    await nav.getByRole('link', { name: 'Organizations' }).click();
    await ask.getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();

    // A form left as it was loaded does not ask.
    await page.goto('/crm/contacts/new');
    await first.waitFor();
    await nav.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  });

  it('converts a qualified lead into organization, contact and opportunity', async () => {
    const lead = await e2e.api<{ id: string }>('POST', '/api/v1/crm/leads', {
      name: 'Grace Hopper',
      email: 'grace@cobol.example',
      company: 'Cobol Compilers',
      status: 'qualified',
      score: 80,
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/crm/leads/${lead.id}`);
    await page.getByRole('button', { name: 'Convert…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Convert Grace Hopper' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Organization name').inputValue()).toBe('Cobol Compilers');
    expect(await dialog.getByLabel('Last name').inputValue()).toBe('Hopper');
    await dialog.getByLabel('Opportunity name').fill('Compiler licences');
    await dialog.getByLabel('Amount').fill('5000');
    await screenshot(page, 'crm-lead-convert-dialog');
    await dialog.getByRole('button', { name: 'Convert lead' }).click();

    await page.getByRole('heading', { name: 'Compiler licences', level: 1 }).waitFor();
    const converted = await e2e.api<{ convertedAt: string | null; convertedOpportunityId: string | null }>(
      'GET',
      `/api/v1/crm/leads/${lead.id}`,
    );
    expect(converted.convertedAt).not.toBeNull();
    expect(page.url()).toContain(`/crm/opportunities/${converted.convertedOpportunityId}`);
    await page.getByRole('link', { name: 'Cobol Compilers' }).waitFor();
    await screenshot(page, 'crm-lead-converted');

    // The dashboard widget shows the open pipeline.
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('region', { name: 'Sales pipeline' }).getByText('Open pipeline').waitFor();
    await screenshot(page, 'crm-dashboard-widget');
  });

  it('checks a contacts CSV with a dry run, then imports the good rows', async () => {
    await e2e.api('POST', '/api/v1/crm/contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: ['ada@engine.example'],
    });
    const csv = [
      'first_name,last_name,emails,title',
      'Alan,Turing,alan@bletchley.example,Cryptanalyst',
      'Nameless,,nobody@example.example,',
      'Ada,Lovelace,ada@engine.example,Duplicate',
      'Katherine,Johnson,katherine@nasa.example,Mathematician',
    ].join('\n');
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/contacts');
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await page.getByRole('heading', { name: 'Import contacts' }).waitFor();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();

    const problems = page.getByRole('table', { name: 'Problems by row' });
    await problems.waitFor();
    await expect.poll(() => problems.getByRole('row').count()).toBe(3); // header + 1 error + 1 duplicate
    await problems.getByRole('row').filter({ hasText: 'lastName' }).filter({ hasText: '2' }).waitFor();
    await problems.getByRole('row').filter({ hasText: 'Duplicate: ada@engine.example' }).waitFor();
    await screenshot(page, 'crm-import-dry-run');
    // Nothing imported yet.
    const before = await e2e.api<{ items: unknown[] }>('GET', '/api/v1/crm/contacts?q=turing');
    expect(before.items).toHaveLength(0);

    // The real run: the whole file in one request; the API writes the good rows and reports the rest.
    const realRuns: string[] = []; // the dry run is done: from now on, every import request
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/v1/crm/') && r.url().endsWith('/import'))
        realRuns.push(r.url());
    });
    await page.getByRole('button', { name: 'Import the 2 good rows' }).click();
    await page.getByText('Imported 2 contacts; 2 rows skipped').waitFor();
    expect(realRuns).toEqual([expect.stringMatching(/\/api\/v1\/crm\/contacts\/import$/)]);
    const skipped = page.getByRole('table', { name: 'Problems by row' });
    await expect.poll(() => skipped.getByRole('row').count()).toBe(3);
    const after = await e2e.api<{ items: { lastName: string }[] }>(
      'GET',
      '/api/v1/crm/contacts?sort=lastName&limit=50',
    );
    expect(after.items.map((c) => c.lastName)).toEqual(expect.arrayContaining(['Johnson', 'Lovelace', 'Turing']));
    expect(after.items.filter((c) => c.lastName === 'Lovelace')).toHaveLength(1);
    await screenshot(page, 'crm-import-done');
  });

  it('imports organizations through the API: dry run, then the good rows with their parent', async () => {
    await e2e.api('POST', '/api/v1/crm/organizations', { name: 'Existing Widgets', domain: 'widgets.example' });
    const csv = [
      'name,domain,industry,size,city,tags,parent',
      'Northwind Traders,northwind.example,Retail,51-200,Seattle,import,',
      'Northwind Europe,northwind.eu.example,Retail,,Berlin,import,northwind.example',
      'Widgets Again,WIDGETS.example,,,,import,',
      'Bad Size Ltd,,,enormous,,import,',
    ].join('\n');
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/import?kind=organizations');
    await page.getByRole('heading', { name: 'Import organizations' }).waitFor();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'organizations.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    const problems = page.getByRole('table', { name: 'Problems by row' });
    await problems.getByRole('row').filter({ hasText: 'size' }).filter({ hasText: '4' }).waitFor();
    await problems.getByRole('row').filter({ hasText: 'Duplicate: widgets.example' }).waitFor();
    const none = await e2e.api<{ items: unknown[] }>('GET', '/api/v1/crm/organizations?q=northwind');
    expect(none.items).toHaveLength(0);
    await page.getByRole('button', { name: 'Import the 2 good rows' }).click();
    await page.getByText('Imported 2 organizations; 2 rows skipped').waitFor();
    await screenshot(page, 'crm-import-organizations-done');
    const orgs = await e2e.api<{ items: { id: string; name: string; parentId: string | null }[] }>(
      'GET',
      '/api/v1/crm/organizations?q=northwind&sort=name',
    );
    const byName = Object.fromEntries(orgs.items.map((o) => [o.name, o]));
    expect(Object.keys(byName).sort()).toEqual(['Northwind Europe', 'Northwind Traders']);
    expect(byName['Northwind Europe']!.parentId).toBe(byName['Northwind Traders']!.id);
  });
});
