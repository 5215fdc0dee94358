import type { Actor } from '../../platform/auth/actor.js';
import { addDays, today } from '../../platform/dates.js';
import type { DemoGenerator } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { createUser } from '../auth/index.js';
import { listPartiesFor } from '../finance/index.js';
import { findByCode, listStatuses } from './project/project.repository.js';
import { createProject } from './project/project.service.js';
import { createDependency } from './tasks/dependencies.service.js';
import { createTask } from './tasks/tasks.service.js';
import { invoicePeriod } from './time/invoicing.service.js';
import { weekStartOf } from '../../platform/dates.js';
import { createEntry, decideSheet, submitSheet } from './time/time.service.js';

/** The same password as the auth demo's people (auth does not export its constant). */
const DEMO_PASSWORD = 'demo-password-2026';
const DOMAIN = 'demo.moms.local';
const FIRST_CODE = 'WEBSHOP';

const ctxOf = (id: string, email: string): RequestContext => {
  const actor: Actor = { userId: id, email, roles: ['project-manager'], permissions: ['projects:admin'] };
  return { actor, requestId: 'demo' };
};
const personCtx = (id: string, email: string): RequestContext => ({
  actor: { userId: id, email, roles: ['team-member'], permissions: ['projects:read', 'projects:write'] },
  requestId: 'demo',
});

interface Person {
  id: string;
  email: string;
}

/**
 * Demo projects, deterministic for the seed (dates relative to the current week): a project manager
 * and developers (who sign in with the demo password); one project of each billing method — a
 * time-and-materials web shop for a Finance customer, a fixed-price migration and an internal
 * non-billable one — each with phases, tasks, milestones and finish-to-start dependencies between
 * phases, and a few weeks of time, submitted and approved; the web shop's first week invoiced
 * (a draft invoice in Finance). Skipped when the web shop exists. Through the services, so audited.
 */
export const projectsDemo: DemoGenerator = {
  module: 'projects',
  async generate({ db, faker, size, log }) {
    if (await findByCode(db, FIRST_CODE)) {
      log('projects: demo data already present; skipped');
      return;
    }
    const system: RequestContext = { actor: null, requestId: 'demo' };
    const devCount = Math.max(2, Math.round(3 * size));
    const people: Person[] = [];
    for (let i = 0; i <= devCount; i++) {
      const email = i === 0 ? `project-manager@${DOMAIN}` : `developer${i}@${DOMAIN}`;
      const user = await createUser(db, system, {
        email,
        name: faker.person.fullName(),
        password: DEMO_PASSWORD,
        roles: i === 0 ? ['project-manager', 'manager', 'employee'] : ['team-member', 'employee'],
      });
      people.push({ id: user.id, email });
    }
    const [pm, ...devs] = people as [Person, ...Person[]];
    const ctx = ctxOf(pm.id, pm.email);
    const client = (await listPartiesFor(db, 'customer', 1))[0];
    const thisMonday = weekStartOf(today());
    const start = addDays(thisMonday, -28);

    const specs = [
      {
        code: FIRST_CODE,
        name: 'Web shop relaunch',
        billingMethod: client ? ('time_and_materials' as const) : ('non_billable' as const),
        clientPartyId: client?.id ?? null,
        defaultBillingRate: '120',
        fixedPrice: null,
        budgetHours: '600',
        budgetAmount: '42000',
        tags: ['client', 'web'],
      },
      {
        code: 'MIGRATE',
        name: 'ERP data migration',
        billingMethod: client ? ('fixed_price' as const) : ('non_billable' as const),
        clientPartyId: client?.id ?? null,
        defaultBillingRate: null,
        fixedPrice: client ? '25000' : null,
        budgetHours: '300',
        budgetAmount: '18000',
        tags: ['client', 'data'],
      },
      {
        code: 'INTERNAL',
        name: 'Internal tooling',
        billingMethod: 'non_billable' as const,
        clientPartyId: null,
        defaultBillingRate: null,
        fixedPrice: null,
        budgetHours: '200',
        budgetAmount: null,
        tags: ['internal'],
      },
    ];
    const phases = ['Discovery', 'Build', 'Launch'];
    let tasksMade = 0;
    let entries = 0;
    for (const spec of specs) {
      const project = await createProject(db, ctx, {
        code: spec.code,
        name: spec.name,
        description: faker.lorem.sentence(),
        clientPartyId: spec.clientPartyId,
        managerId: pm.id,
        status: 'active',
        startDate: start,
        endDate: addDays(start, 7 * 12 - 3),
        budgetHours: spec.budgetHours,
        budgetAmount: spec.budgetAmount,
        billingMethod: spec.billingMethod,
        fixedPrice: spec.fixedPrice,
        defaultBillingRate: spec.defaultBillingRate,
        tags: spec.tags,
        members: devs.map((d, i) => ({
          userId: d.id,
          role: 'member' as const,
          costRate: String(55 + 5 * (i % 4)),
          billingRate: spec.billingMethod === 'time_and_materials' ? String(130 + 10 * (i % 3)) : null,
        })),
      });
      const statuses = await listStatuses(db, project.id);
      const status = (category: string) => statuses.find((s) => s.category === category)!.id;
      let previousMilestone: string | null = null;
      const workTasks: string[] = [];
      for (const [pi, phaseName] of phases.entries()) {
        const phaseStart = addDays(start, pi * 28);
        // The first phase is done, the second under way, the last not started.
        const state = pi === 0 ? 'done' : pi === 1 ? 'in_progress' : 'todo';
        const phase = await createTask(db, ctx, {
          projectId: project.id,
          type: 'phase',
          title: phaseName,
          description: '',
          statusId: status(state === 'done' ? 'done' : state === 'in_progress' ? 'in_progress' : 'todo'),
          priority: 'medium',
          startDate: phaseStart,
          dueDate: addDays(phaseStart, 25),
          labels: [],
          checklist: [],
          assigneeIds: [],
        });
        const count = faker.number.int({ min: 3, max: 5 });
        let first: string | null = null;
        for (let ti = 0; ti < count; ti++) {
          const taskStart = addDays(phaseStart, ti * 5);
          const category = state === 'in_progress' ? (ti === 0 ? 'done' : ti === 1 ? 'in_progress' : 'todo') : state;
          const task = await createTask(db, ctx, {
            projectId: project.id,
            parentId: phase.id,
            type: 'task',
            title: faker.hacker.verb().replace(/^./, (c) => c.toUpperCase()) + ' ' + faker.hacker.noun(),
            description: faker.lorem.sentences(2),
            statusId: status(category),
            priority: faker.helpers.arrayElement(['low', 'medium', 'high', 'urgent'] as const),
            startDate: taskStart,
            dueDate: addDays(taskStart, 4),
            estimateHours: String(faker.number.int({ min: 4, max: 40 })),
            labels: faker.helpers.arrayElements(['backend', 'frontend', 'data', 'ops'], { min: 0, max: 2 }),
            checklist: [
              { text: 'Reviewed', done: category === 'done' },
              { text: 'Documented', done: category === 'done' },
            ],
            assigneeIds: [faker.helpers.arrayElement(devs).id],
          });
          first ??= task.id;
          workTasks.push(task.id);
          tasksMade++;
        }
        const milestone = await createTask(db, ctx, {
          projectId: project.id,
          parentId: phase.id,
          type: 'milestone',
          title: `${phaseName} complete`,
          description: '',
          statusId: status(state === 'done' ? 'done' : 'todo'),
          priority: 'high',
          dueDate: addDays(phaseStart, 25),
          labels: [],
          checklist: [],
          assigneeIds: [pm.id],
        });
        if (previousMilestone && first)
          await createDependency(db, ctx, {
            predecessorId: previousMilestone,
            successorId: first,
            kind: 'finish_to_start',
            lagDays: 0,
          });
        previousMilestone = milestone.id;
        tasksMade += 2;
      }
      // Weeks of time (two, four from size 1), each submitted by its person and approved by the manager.
      for (let week = 0; week < (size >= 1 ? 4 : 2); week++) {
        const monday = addDays(start, week * 7);
        for (const dev of devs) {
          for (let day = 0; day < 5; day++) {
            await createEntry(db, ctx, {
              taskId: workTasks[(week * 5 + day) % Math.min(workTasks.length, 4)]!,
              userId: dev.id,
              date: addDays(monday, day),
              hours: String(faker.number.int({ min: 4, max: 8 })),
              note: faker.hacker.phrase().slice(0, 200),
            });
            entries++;
          }
          const sheet = await submitSheet(db, personCtx(dev.id, dev.email), project.id, monday);
          await decideSheet(db, ctx, sheet.id, { version: sheet.version }, 'approved');
        }
      }
      if (spec.billingMethod === 'time_and_materials')
        await invoicePeriod(db, ctx, project.id, { from: start, to: addDays(start, 6), date: addDays(start, 7) });
    }
    log(
      `projects: ${specs.length} projects, ${tasksMade} tasks, ${entries} time entries${client ? ', one invoiced period' : ''}`,
    );
  },
};
