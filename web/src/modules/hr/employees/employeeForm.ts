import { z } from 'zod';
import { todayIso, type EmployeeFull } from '../queries';

// The employee form's fields, rules and conversions (EmployeeForm.tsx renders it).

/** What an employee may change on their own record, and a manager on a report's. hr:admin changes everything. */
export const SELF_FIELDS = ['workPhone', 'personalEmail', 'personalPhone', 'homeAddress'];
export const MANAGER_FIELDS = [
  'departmentId',
  'positionId',
  'locationId',
  'managerId',
  'workPhone',
  'effectiveDate',
  'reason',
];

const optionalEmail = z
  .string()
  .trim()
  .refine((v) => v === '' || z.email().safeParse(v).success, 'Not a valid email address.');
const optionalPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ().-]*$/, 'Digits, spaces and + ( ) . - only.');
export const schema = z
  .object({
    firstName: z.string().trim().min(1, 'Required.').max(100),
    lastName: z.string().trim().min(1, 'Required.').max(100),
    workEmail: z.string().trim().email('Not a valid email address.'),
    workPhone: optionalPhone,
    personalEmail: optionalEmail,
    personalPhone: optionalPhone,
    birthDate: z.string(),
    street: z.string().max(200),
    postalCode: z.string().max(20),
    city: z.string().max(100),
    region: z.string().max(100),
    country: z.string().max(100),
    employmentType: z.string(),
    startDate: z.string().min(1, 'Required.'),
    endDate: z.string(),
    departmentId: z.string(),
    positionId: z.string(),
    locationId: z.string(),
    managerId: z.string(),
    effectiveDate: z.string(),
    reason: z.string().max(500),
    userId: z.string(),
  })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: 'Before the start date.' })
  .refine((v) => !v.birthDate || v.birthDate < todayIso(), { path: ['birthDate'], message: 'Must be in the past.' });
export type Values = z.input<typeof schema>;

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The form's starting values: the employee's, or a new hire's defaults. */
export function initialValues(employee: EmployeeFull | undefined): Values {
  const address = employee?.homeAddress ?? {};
  return {
    firstName: employee?.firstName ?? '',
    lastName: employee?.lastName ?? '',
    workEmail: employee?.workEmail ?? '',
    workPhone: employee?.workPhone ?? '',
    personalEmail: employee?.personalEmail ?? '',
    personalPhone: employee?.personalPhone ?? '',
    birthDate: employee?.birthDate ?? '',
    street: address.street ?? '',
    postalCode: address.postalCode ?? '',
    city: address.city ?? '',
    region: address.region ?? '',
    country: address.country ?? '',
    employmentType: employee?.employmentType ?? 'full_time',
    startDate: employee?.startDate ?? todayIso(),
    endDate: employee?.endDate ?? '',
    departmentId: employee?.departmentId ?? '',
    positionId: employee?.positionId ?? '',
    locationId: employee?.locationId ?? '',
    managerId: employee?.managerId ?? '',
    effectiveDate: '',
    reason: '',
    userId: employee?.userId ?? '',
  };
}

/** The API body for the form's values (empty text as null). */
export function toBody(v: Values) {
  const homeAddress = Object.fromEntries(
    Object.entries({
      street: v.street,
      postalCode: v.postalCode,
      city: v.city,
      region: v.region,
      country: v.country,
    }).filter(([, x]) => x.trim() !== ''),
  );
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    workEmail: v.workEmail.trim(),
    workPhone: orNull(v.workPhone),
    personalEmail: orNull(v.personalEmail),
    personalPhone: orNull(v.personalPhone),
    birthDate: orNull(v.birthDate),
    homeAddress: Object.keys(homeAddress).length > 0 ? homeAddress : null,
    employmentType: v.employmentType as EmployeeFull['employmentType'],
    startDate: v.startDate,
    endDate: orNull(v.endDate),
    departmentId: orNull(v.departmentId),
    positionId: orNull(v.positionId),
    locationId: orNull(v.locationId),
    managerId: orNull(v.managerId),
    effectiveDate: v.effectiveDate || undefined,
    reason: orNull(v.reason),
    userId: orNull(v.userId),
  };
}
