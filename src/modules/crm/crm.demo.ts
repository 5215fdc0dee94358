import type { Actor } from '../../platform/auth/actor.js';
import type { DemoGenerator } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { createUser } from '../auth/index.js';
import { createActivity } from './activities/activities.service.js';
import { createContact } from './contacts/contacts.service.js';
import { createLead } from './leads/leads.service.js';
import { organizationSizes } from './organizations/organizations.schemas.js';
import { createOrganization } from './organizations/organizations.service.js';
import { closeOpportunity, createOpportunity } from './pipeline/opportunities.service.js';
import { listPipelines } from './pipeline/pipelines.service.js';
import { createTeam } from './teams/teams.service.js';

const DEMO_TEAM = 'Demo sales';
/** The same password as the auth demo's people (auth does not export its constant). */
const DEMO_PASSWORD = 'demo-password-2026';
const DOMAIN = 'demo.moms.local';

/**
 * Demo CRM, deterministic for the seed and scaled by `size`: a sales team (a manager and reps who
 * sign in with the demo password), organizations with contacts, leads in every status, opportunities
 * across the default pipeline (some won or lost) and activities. Skipped when the team exists.
 * Everything goes through the services, so it is audited, attributed to the sales manager.
 */
export const crmDemo: DemoGenerator = {
  module: 'crm',
  async generate({ db, faker, size, log }) {
    const existing = await db.selectFrom('crm.teams').select('id').where('name', '=', DEMO_TEAM).executeTakeFirst();
    if (existing) {
      log('crm: demo data already present; skipped');
      return;
    }
    const system: RequestContext = { actor: null, requestId: 'demo' };
    const reps = Math.max(2, Math.round(3 * size));
    const people: { id: string; email: string }[] = [];
    for (let i = 0; i <= reps; i++) {
      const email = i === 0 ? `sales-manager@${DOMAIN}` : `sales-rep${i}@${DOMAIN}`;
      const user = await createUser(db, system, {
        email,
        name: faker.person.fullName(),
        password: DEMO_PASSWORD,
        roles: i === 0 ? ['sales-manager', 'manager', 'employee'] : ['sales-rep', 'employee'],
      });
      people.push({ id: user.id, email });
    }
    const manager = people[0]!;
    const actor: Actor = { userId: manager.id, email: manager.email, roles: ['manager'], permissions: ['crm:admin'] };
    const ctx: RequestContext = { actor, requestId: 'demo' };
    await createTeam(db, ctx, {
      name: DEMO_TEAM,
      members: people.map((p, i) => ({ userId: p.id, isManager: i === 0 })),
    });
    const owner = () => faker.helpers.arrayElement(people.slice(1)).id;

    const orgCount = Math.max(5, Math.round(15 * size));
    const orgs: { id: string; name: string; ownerId: string; contactIds: string[] }[] = [];
    for (let i = 0; i < orgCount; i++) {
      const name = faker.company.name();
      const ownerId = owner();
      const org = await createOrganization(
        db,
        ctx,
        {
          name,
          domain: `${faker.internet.domainWord()}${i}.example`,
          industry: faker.commerce.department(),
          size: faker.helpers.arrayElement(organizationSizes),
          address: { city: faker.location.city(), country: faker.location.country() },
          ownerId,
          tags: faker.helpers.arrayElements(['customer', 'prospect', 'partner', 'enterprise', 'smb'], {
            min: 0,
            max: 2,
          }),
        },
        true,
      );
      const contactIds: string[] = [];
      for (let c = 0; c < faker.number.int({ min: 1, max: 3 }); c++) {
        const firstName = faker.person.firstName();
        const lastName = faker.person.lastName();
        const optedIn = faker.datatype.boolean();
        const contact = await createContact(
          db,
          ctx,
          {
            firstName,
            lastName,
            emails: [`${firstName}.${lastName}.${i}.${c}@${org.domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '')],
            phones: [faker.string.numeric({ length: 10 })],
            title: faker.person.jobTitle(),
            organizationId: org.id,
            ownerId,
            marketing: optedIn ? { optedIn, source: 'demo' } : { optedIn },
          },
          true,
        );
        contactIds.push(contact.id);
      }
      orgs.push({ id: org.id, name, ownerId, contactIds });
    }

    const leadCount = Math.max(5, Math.round(20 * size));
    for (let i = 0; i < leadCount; i++) {
      const status = faker.helpers.arrayElement(['new', 'contacted', 'qualified', 'disqualified'] as const);
      await createLead(db, ctx, {
        name: faker.person.fullName(),
        email: `lead${i}@${faker.internet.domainWord()}.example`,
        company: faker.company.name(),
        source: faker.helpers.arrayElement(['web-form', 'referral', 'event', 'cold-call']),
        status,
        disqualifiedReason: status === 'disqualified' ? 'No budget this year' : null,
        score: faker.number.int({ min: 0, max: 100 }),
        ownerId: owner(),
      });
    }

    const pipeline = (await listPipelines(db, ctx)).items.find((p) => p.isDefault)!;
    const open = pipeline.stages.filter((s) => !s.isWon && !s.isLost);
    const oppCount = Math.max(5, Math.round(12 * size));
    for (let i = 0; i < oppCount; i++) {
      const org = faker.helpers.arrayElement(orgs);
      const opp = await createOpportunity(db, ctx, {
        name: `${org.name}: ${faker.commerce.productName()}`,
        organizationId: org.id,
        stageId: faker.helpers.arrayElement(open).id,
        amount: `${faker.number.int({ min: 1_000, max: 250_000 })}.00`,
        currency: 'EUR',
        expectedCloseDate: faker.date.soon({ days: 180, refDate: '2026-11-25T00:00:00Z' }).toISOString().slice(0, 10),
        ownerId: org.ownerId,
        contactIds: org.contactIds.slice(0, 1),
      });
      await createActivity(db, ctx, { type: 'call', subject: `Discovery call: ${org.name}`, opportunityId: opp.id });
      await createActivity(db, ctx, {
        type: 'task',
        subject: 'Send the proposal',
        dueAt: faker.date.soon({ days: 30, refDate: '2026-11-25T00:00:00Z' }).toISOString(),
        opportunityId: opp.id,
      });
      const outcome = faker.helpers.weightedArrayElement([
        { value: 'open' as const, weight: 6 },
        { value: 'won' as const, weight: 2 },
        { value: 'lost' as const, weight: 2 },
      ]);
      if (outcome !== 'open')
        await closeOpportunity(db, ctx, opp.id, outcome, {
          version: opp.version,
          reason: outcome === 'won' ? 'Best fit' : 'Went with a competitor',
        });
    }
    log(
      `crm: team of ${reps} reps (sales-manager@${DOMAIN}), ${orgCount} organizations, ${leadCount} leads, ${oppCount} opportunities`,
    );
  },
};
