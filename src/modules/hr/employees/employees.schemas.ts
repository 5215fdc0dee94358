import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { versionField } from '../../../platform/http/versioning.js';
import { emailAddress, isoDate, optionalText, shortText, uuid } from '../../../platform/http/schemas.js';
import { Address } from '../organization/organization.schemas.js';

export const employmentTypes = ['full_time', 'part_time', 'contractor', 'intern', 'temporary'] as const;
export const payFrequencies = ['monthly', 'semi_monthly', 'biweekly', 'weekly'] as const;
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ().-]*$/, 'Digits, spaces and + ( ) . - only.')
  .nullable()
  .optional();

// ---- what callers see: three separate schemas, so output validation drops what they may not see ----
/** The directory card: what everyone with hr:read sees of every employee. */
export const cardShape = {
  id: z.uuid(),
  employeeNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  workEmail: z.string(),
  workPhone: z.string().nullable(),
  status: z.enum(['active', 'terminated']),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  positionId: z.uuid().nullable(),
  positionTitle: z.string().nullable(),
  locationId: z.uuid().nullable(),
  locationName: z.string().nullable(),
  managerId: z.uuid().nullable(),
  managerName: z.string().nullable(),
};
export const EmployeeCard = z
  .object({ access: z.literal('directory'), ...cardShape })
  .openapi('EmployeeCard', { description: 'The directory card (no personal, job or pay data)' });

const fullShape = {
  ...cardShape,
  access: z.literal('full'),
  personalEmail: z.string().nullable(),
  personalPhone: z.string().nullable(),
  birthDate: z.string().nullable(),
  homeAddress: Address.nullable(),
  employmentType: z.enum(employmentTypes),
  startDate: z.string(),
  endDate: z.string().nullable(),
  terminationReason: z.string().nullable(),
  userId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
/** The full record: yourself, your reports, or anyone for hr:admin. */
export const EmployeeFull = z.object(fullShape).openapi('EmployeeFull');

export const Compensation = z
  .object({
    baseSalary: z.string().openapi({ example: '52000.00' }),
    currency: z.string(),
    payFrequency: z.enum(payFrequencies),
    effectiveDate: z.string(),
  })
  .openapi('CurrentCompensation');
/** The full record with the compensation in force today (null when none is on file). */
export const EmployeeWithCompensation = z
  .object({ ...fullShape, compensation: Compensation.nullable() })
  .openapi('EmployeeWithCompensation');

/** GET /employees/{id}: one of the three, by what the caller may see (`access` tells which). */
export const EmployeeView = z.union([EmployeeWithCompensation, EmployeeFull, EmployeeCard]).openapi('EmployeeView');

export const EmployeeCardPage = pageSchema(EmployeeCard).openapi('EmployeeCardPage');

export const EmployeeListQuery = listQuery(['lastName', 'firstName', 'employeeNumber', 'createdAt'], 'lastName').extend(
  {
    departmentId: uuid.optional(),
    positionId: uuid.optional(),
    locationId: uuid.optional(),
    managerId: uuid.optional().openapi({ description: 'Direct reports of this employee' }),
    status: z.enum(['active', 'terminated', 'all']).default('active'),
  },
);
export const EmployeeExportQuery = EmployeeListQuery.omit({ limit: true, cursor: true });

// ---- writes ----
const personalFields = {
  personalEmail: emailAddress.nullable().optional(),
  personalPhone: phone,
  birthDate: isoDate.nullable().optional(),
  homeAddress: Address.nullable().optional(),
};
const jobFields = {
  departmentId: uuid.nullable().optional(),
  positionId: uuid.nullable().optional(),
  locationId: uuid.nullable().optional(),
  managerId: uuid.nullable().optional(),
  effectiveDate: isoDate.optional().openapi({
    description: 'When a department, position or manager change takes effect (history); default today',
  }),
  reason: optionalText(500),
};
export const CreateEmployeeBody = z
  .strictObject({
    firstName: shortText(100),
    lastName: shortText(100),
    workEmail: emailAddress,
    workPhone: phone,
    ...personalFields,
    ...jobFields,
    effectiveDate: isoDate.optional().openapi({ description: 'Of the first job-history entry; default startDate' }),
    employmentType: z.enum(employmentTypes).optional(),
    startDate: isoDate,
    endDate: isoDate.nullable().optional().openapi({ description: 'End of a fixed-term contract' }),
    userId: uuid.nullable().optional().openapi({ description: 'The MOMS user who signs in as this employee' }),
  })
  .openapi('CreateEmployeeRequest');
export const UpdateEmployeeBody = z
  .strictObject({
    version: versionField,
    firstName: shortText(100).optional(),
    lastName: shortText(100).optional(),
    workEmail: emailAddress.optional(),
    workPhone: phone,
    ...personalFields,
    ...jobFields,
    employmentType: z.enum(employmentTypes).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.nullable().optional(),
    userId: uuid.nullable().optional(),
  })
  .openapi('UpdateEmployeeRequest');

export const TerminateEmployeeBody = z
  .strictObject({
    version: versionField,
    endDate: isoDate,
    reason: shortText(500),
    reassignTo: uuid.optional().openapi({ description: 'Who their active direct reports report to from now on' }),
  })
  .openapi('TerminateEmployeeRequest');

// ---- history ----
export const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});
const historyCommon = {
  id: z.uuid(),
  effectiveDate: z.string(),
  reason: z.string().nullable(),
  recordedAt: z.iso.datetime(),
};
export const JobChangeEntry = z
  .object({
    type: z.literal('job'),
    ...historyCommon,
    departmentId: z.uuid().nullable(),
    departmentName: z.string().nullable(),
    positionId: z.uuid().nullable(),
    positionTitle: z.string().nullable(),
    managerId: z.uuid().nullable(),
    managerName: z.string().nullable(),
  })
  .openapi('JobChangeEntry');
export const CompensationEntry = z
  .object({
    type: z.literal('compensation'),
    ...historyCommon,
    baseSalary: z.string(),
    currency: z.string(),
    payFrequency: z.enum(payFrequencies),
  })
  .openapi('CompensationEntry');
export const HistoryPage = z
  .object({
    items: z.array(z.discriminatedUnion('type', [JobChangeEntry, CompensationEntry])),
    nextCursor: z.string().nullable(),
  })
  .openapi('EmployeeHistoryPage');
/** Job changes only: the history as seen by someone who may not see compensation. */
export const JobHistoryPage = z
  .object({ items: z.array(JobChangeEntry), nextCursor: z.string().nullable() })
  .openapi('EmployeeJobHistoryPage');

// ---- org chart ----
export const OrgChartQuery = z.object({
  depth: z.coerce.number().int().min(1).max(10).default(3).openapi({ description: 'Levels below the top (1–10)' }),
});
type CardFields = { [K in keyof typeof cardShape]: z.output<(typeof cardShape)[K]> };
export interface OrgNodeDto extends CardFields {
  directReports: number;
  reports: OrgNodeDto[];
}
export const OrgNode: z.ZodType<OrgNodeDto> = z
  .object({
    ...cardShape,
    directReports: z.number().int().openapi({ description: 'Active direct reports (also beyond the depth)' }),
    get reports(): z.ZodArray<z.ZodType<OrgNodeDto>> {
      return z.array(OrgNode);
    },
  })
  .openapi('OrgChartNode');
export const OrgChart = z.object({ items: z.array(OrgNode) }).openapi('OrgChart');

export type CardDto = z.input<typeof EmployeeCard>;
export type FullDto = z.input<typeof EmployeeFull>;
export type WithCompensationDto = z.input<typeof EmployeeWithCompensation>;
export type EmployeeViewDto = z.output<typeof EmployeeView>;
export type EmployeeListFilter = z.output<typeof EmployeeListQuery>;
export type EmployeeExportFilter = z.output<typeof EmployeeExportQuery>;
export type CreateEmployeeInput = z.output<typeof CreateEmployeeBody>;
export type UpdateEmployeeInput = z.output<typeof UpdateEmployeeBody>;
export type TerminateEmployeeInput = z.output<typeof TerminateEmployeeBody>;
export type HistoryEntryDto = z.input<typeof HistoryPage>['items'][number];
