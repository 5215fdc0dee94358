import type { Actor } from '../../../platform/auth/actor.js';
import type { DemoContext } from '../../../platform/demo/demo.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { createUser } from '../../auth/index.js';
import { baseCurrency } from '../../finance/index.js';
import { createDepartment, updateDepartment } from '../organization/departments.service.js';
import { createLocation } from '../organization/locations.service.js';
import { createPosition } from '../organization/positions.service.js';
import { createEmployee, updateEmployee } from './employees.service.js';

/** The same password as the auth demo's people (auth does not export its constant). */
const DEMO_PASSWORD = 'demo-password-2026';
const DOMAIN = 'demo.moms.local';

/** The department tree: [name, code, parent code, position titles (the first is the head's)]. */
const DEPARTMENTS: [string, string, string | null, string[]][] = [
  ['Company', 'CO', null, ['Chief Executive Officer']],
  ['Engineering', 'ENG', 'CO', ['VP Engineering']],
  ['Platform', 'ENG-PLT', 'ENG', ['Platform Lead', 'Platform Engineer', 'Site Reliability Engineer']],
  ['Web', 'ENG-WEB', 'ENG', ['Web Lead', 'Frontend Engineer', 'Designer']],
  ['Sales', 'SAL', 'CO', ['Head of Sales', 'Account Executive', 'Sales Development Rep']],
  ['Finance', 'FIN', 'CO', ['CFO', 'Accountant']],
  ['People', 'PPL', 'CO', ['Head of People', 'HR Partner']],
];

const day = (d: Date) => d.toISOString().slice(0, 10);
const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Demo organization, deterministic for the seed and scaled by `size`: three locations, a department
 * tree with heads, positions, ~25×size employees in a reporting tree (through the services, so they
 * are audited and have job history; a few have a later promotion), and a salary for everyone
 * (inserted directly; payroll owns the compensation API). People who sign in with the demo password:
 * hr-admin@, hr-manager@ (heads Engineering: sees its people in full) and hr-employee@ (a platform
 * engineer, their indirect report). Skipped when employees exist.
 */
export async function employeesDemo({ db, faker, size, log }: DemoContext): Promise<void> {
  if (await db.selectFrom('hr.employees').select('id').limit(1).executeTakeFirst()) {
    log('hr: employees already present; skipped');
    return;
  }
  const system: RequestContext = { actor: null, requestId: 'demo' };
  // A demo user and the employee record linked to them carry the same name.
  const user = async (local: string, roles: string[]) => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const created = await createUser(db, system, {
      email: `${local}@${DOMAIN}`,
      name: `${firstName} ${lastName}`,
      password: DEMO_PASSWORD,
      roles,
    });
    return { id: created.id, firstName, lastName };
  };
  const hrAdmin = await user('hr-admin', ['hr-admin', 'employee']);
  const hrManager = await user('hr-manager', ['manager', 'employee']);
  const hrEmployee = await user('hr-employee', ['employee']);
  const actor: Actor = { userId: hrAdmin.id, email: `hr-admin@${DOMAIN}`, roles: ['hr-admin'], permissions: ['hr:*'] };
  const ctx: RequestContext = { actor, requestId: 'demo' };

  const locations: { id: string }[] = [];
  for (const [name, countryCode, timezone, city] of [
    ['Paris', 'FR', 'Europe/Paris', 'Paris'],
    ['London', 'GB', 'Europe/London', 'London'],
    ['New York', 'US', 'America/New_York', 'New York'],
  ] as const)
    locations.push(await createLocation(db, ctx, { name, countryCode, timezone, address: { city } }));

  const depts = new Map<string, { id: string; version: number; positions: string[]; head?: string }>();
  for (const [name, code, parent, titles] of DEPARTMENTS) {
    const d = await createDepartment(db, ctx, { name, code, parentId: parent ? depts.get(parent)!.id : null });
    const positions: string[] = [];
    for (const title of titles) positions.push((await createPosition(db, ctx, { title, departmentId: d.id })).id);
    depts.set(code, { id: d.id, version: d.version, positions });
  }

  const count = Math.max(DEPARTMENTS.length + 3, Math.round(25 * size));
  const currency = await baseCurrency(db);
  let hired = 0;
  type Linked = Awaited<ReturnType<typeof user>>;
  const hire = async (code: string, managerId: string | null, positionId: string, linked: Linked | null) => {
    hired += 1;
    const firstName = linked?.firstName ?? faker.person.firstName();
    const lastName = linked?.lastName ?? faker.person.lastName();
    const userId = linked?.id ?? null;
    const start = day(faker.date.between({ from: '2017-01-01T00:00:00Z', to: '2025-09-30T00:00:00Z' }));
    const employee = await createEmployee(db, ctx, {
      firstName,
      lastName,
      workEmail: `${clean(firstName)}.${clean(lastName)}.${hired}@${DOMAIN}`,
      workPhone: `+33 1 ${faker.string.numeric(2)} ${faker.string.numeric(2)} ${faker.string.numeric(2)} ${faker.string.numeric(2)}`,
      personalEmail: `${clean(firstName)}${hired}@mail.example`,
      birthDate: day(faker.date.between({ from: '1962-01-01T00:00:00Z', to: '2002-12-31T00:00:00Z' })),
      homeAddress: { city: faker.location.city(), country: faker.location.country() },
      departmentId: depts.get(code)!.id,
      positionId,
      locationId: faker.helpers.arrayElement(locations).id,
      managerId,
      employmentType: faker.helpers.weightedArrayElement([
        { value: 'full_time' as const, weight: 8 },
        { value: 'part_time' as const, weight: 1 },
        { value: 'contractor' as const, weight: 1 },
      ]),
      startDate: start,
      userId,
    });
    const salary = faker.number.int({ min: 32, max: managerId ? 95 : 180 }) * 1000;
    await db
      .insertInto('hr.compensations')
      .values({
        employee_id: employee.id,
        effective_date: start,
        base_salary: `${salary}.00`,
        currency,
        pay_frequency: 'monthly',
        reason: 'Hired',
      })
      .execute();
    return { id: employee.id, start };
  };

  // The heads, top down (each reports to the head of the parent department).
  for (const [, code, parent] of DEPARTMENTS) {
    const dept = depts.get(code)!;
    const linked = code === 'ENG' ? hrManager : code === 'PPL' ? hrAdmin : null;
    const head = await hire(code, parent ? depts.get(parent)!.head! : null, dept.positions[0]!, linked);
    dept.head = head.id;
    await updateDepartment(db, ctx, dept.id, { version: dept.version, headEmployeeId: head.id });
  }
  // Everyone else, in the teams (departments with more than the head's position).
  const teams = DEPARTMENTS.filter(([, , , titles]) => titles.length > 1).map(([, code]) => code);
  const heads = hired;
  for (let i = heads; i < count; i++) {
    const first = i === heads; // hr-employee@: a platform engineer (an indirect report of hr-manager@)
    const code = first ? 'ENG-PLT' : faker.helpers.arrayElement(teams);
    const dept = depts.get(code)!;
    const positionId = faker.helpers.arrayElement(dept.positions.slice(1));
    const person = await hire(code, dept.head!, positionId, first ? hrEmployee : null);
    // Some get promoted to the department's first team position a year after they started.
    const promotion = day(new Date(Date.parse(`${person.start}T00:00:00Z`) + 365 * 86_400_000));
    if (faker.number.int({ min: 1, max: 5 }) === 1 && promotion < '2026-11-25' && positionId !== dept.positions[1])
      await updateEmployee(db, ctx, person.id, {
        version: 1,
        positionId: dept.positions[1]!,
        effectiveDate: promotion,
        reason: 'Promotion',
      });
  }
  log(
    `hr: ${hired} employees in ${DEPARTMENTS.length} departments; sign in as hr-admin@${DOMAIN}, hr-manager@${DOMAIN} or hr-employee@${DOMAIN}`,
  );
}
