import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { versionField } from '../../../platform/http/versioning.js';
import { booleanQuery, shortText, uuid } from '../../../platform/http/schemas.js';

const timestamps = { version: z.number().int(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };
const code = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Letters, digits, dot, dash and underscore.')
  .nullable()
  .optional();

// ---- locations ----
export const Address = z
  .strictObject({
    street: z.string().trim().max(200).optional(),
    city: z.string().trim().max(100).optional(),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
    country: z.string().trim().max(100).optional(),
  })
  .openapi('HrAddress');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const timezone = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, 'An IANA time zone such as Europe/Paris.')
  .openapi({ example: 'Europe/Paris' });
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as FR.'))
  .openapi({ example: 'FR' });

const locationFields = {
  name: shortText(),
  countryCode,
  timezone: timezone.optional().openapi({ description: 'Defaults to UTC' }),
  address: Address.nullable().optional(),
};
export const CreateLocationBody = z.strictObject(locationFields).openapi('CreateHrLocationRequest');
export const UpdateLocationBody = z
  .strictObject({
    version: versionField,
    name: locationFields.name.optional(),
    countryCode: countryCode.optional(),
    timezone: timezone.optional(),
    address: locationFields.address,
  })
  .openapi('UpdateHrLocationRequest');
export const Location = z
  .object({
    id: z.uuid(),
    name: z.string(),
    countryCode: z.string(),
    timezone: z.string(),
    address: Address.nullable(),
    ...timestamps,
  })
  .openapi('HrLocation');
export const LocationPage = pageSchema(Location).openapi('HrLocationPage');
export const LocationListQuery = listQuery(['name', 'createdAt'], 'name').extend({
  countryCode: countryCode.optional(),
});

// ---- positions ----
const positionFields = { title: shortText(), code, departmentId: uuid.nullable().optional() };
export const CreatePositionBody = z.strictObject(positionFields).openapi('CreateHrPositionRequest');
export const UpdatePositionBody = z
  .strictObject({ version: versionField, ...positionFields, title: positionFields.title.optional() })
  .openapi('UpdateHrPositionRequest');
export const Position = z
  .object({
    id: z.uuid(),
    title: z.string(),
    code: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    ...timestamps,
  })
  .openapi('HrPosition');
export const PositionPage = pageSchema(Position).openapi('HrPositionPage');
export const PositionListQuery = listQuery(['title', 'createdAt'], 'title').extend({ departmentId: uuid.optional() });

// ---- departments ----
const departmentFields = {
  name: shortText(),
  code,
  parentId: uuid.nullable().optional(),
  headEmployeeId: uuid.nullable().optional().openapi({ description: 'An active employee' }),
};
export const CreateDepartmentBody = z.strictObject(departmentFields).openapi('CreateHrDepartmentRequest');
export const UpdateDepartmentBody = z
  .strictObject({ version: versionField, ...departmentFields, name: departmentFields.name.optional() })
  .openapi('UpdateHrDepartmentRequest');
const departmentShape = {
  id: z.uuid(),
  name: z.string(),
  code: z.string().nullable(),
  parentId: z.uuid().nullable(),
  headEmployeeId: z.uuid().nullable(),
  headName: z.string().nullable(),
  employeeCount: z.number().int().openapi({ description: 'Active employees directly in this department' }),
};
export const Department = z.object({ ...departmentShape, ...timestamps }).openapi('HrDepartment');
export const DepartmentPage = pageSchema(Department).openapi('HrDepartmentPage');
export const DepartmentListQuery = listQuery(['name', 'createdAt'], 'name').extend({
  parentId: uuid.optional().openapi({ description: 'Only the direct children of this department' }),
  root: booleanQuery.optional().openapi({ description: 'Only top-level departments' }),
});

export interface DepartmentNodeDto {
  id: string;
  name: string;
  code: string | null;
  parentId: string | null;
  headEmployeeId: string | null;
  headName: string | null;
  employeeCount: number;
  children: DepartmentNodeDto[];
}
export const DepartmentNode: z.ZodType<DepartmentNodeDto> = z
  .object({
    ...departmentShape,
    get children(): z.ZodArray<z.ZodType<DepartmentNodeDto>> {
      return z.array(DepartmentNode);
    },
  })
  .openapi('HrDepartmentNode');
export const DepartmentTree = z.object({ items: z.array(DepartmentNode) }).openapi('HrDepartmentTree');

export type CreateLocationInput = z.output<typeof CreateLocationBody>;
export type UpdateLocationInput = z.output<typeof UpdateLocationBody>;
export type LocationListFilter = z.output<typeof LocationListQuery>;
export type LocationDto = z.input<typeof Location>;
export type CreatePositionInput = z.output<typeof CreatePositionBody>;
export type UpdatePositionInput = z.output<typeof UpdatePositionBody>;
export type PositionListFilter = z.output<typeof PositionListQuery>;
export type PositionDto = z.input<typeof Position>;
export type CreateDepartmentInput = z.output<typeof CreateDepartmentBody>;
export type UpdateDepartmentInput = z.output<typeof UpdateDepartmentBody>;
export type DepartmentListFilter = z.output<typeof DepartmentListQuery>;
export type DepartmentDto = z.input<typeof Department>;
