import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { booleanQuery, isoDateTime, uuid } from '../../../platform/http/schemas.js';

export const RELATIONSHIPS = ['equal', 'subset', 'superset', 'intersect', 'related'] as const;

export const LibraryBody = z.record(z.string(), z.unknown()).openapi('ComplianceLibrary', {
  description:
    'A library document: `{ format: "moms-compliance-library/1", framework: { key, version, name, publisher?, description? }, requirements: [{ refId, title, description?, assessable?, children? }] }` (src/modules/compliance/README.md), or a CISO Assistant framework library as JSON',
});

export const Framework = z
  .object({
    id: z.uuid(),
    key: z.string(),
    version: z.string(),
    name: z.string(),
    description: z.string(),
    publisher: z.string(),
    builtin: z.boolean(),
    current: z.boolean().openapi({ description: 'The newest imported version of its key' }),
    requirementCount: z.number().int(),
    importedAt: isoDateTime,
  })
  .openapi('ComplianceFramework');
export const FrameworkPage = pageSchema(Framework).openapi('ComplianceFrameworkPage');
export const FrameworkListQuery = listQuery(['name', 'importedAt'], 'name').extend({
  key: z.string().max(63).optional(),
  current: booleanQuery.optional(),
});

export const ImportResult = Framework.extend({
  previousVersionId: z.uuid().nullable().openapi({ description: 'The version that was current before, if any' }),
  controlLinksCarried: z.number().int().openapi({
    description: "Control links copied from the previous current version's requirements with the same refId",
  }),
}).openapi('ComplianceImportResult');

export const Coverage = z
  .object({
    frameworkId: z.uuid(),
    assessable: z.number().int(),
    covered: z
      .number()
      .int()
      .openapi({ description: 'Assessable requirements with a control, directly or through a mapping' }),
    coveredDirectly: z.number().int(),
    coveredViaMapping: z.number().int(),
    implemented: z.number().int().openapi({ description: 'Covered by at least one implemented control' }),
  })
  .openapi('ComplianceCoverage');

export const Requirement = z
  .object({
    id: z.uuid(),
    frameworkId: z.uuid(),
    parentId: z.uuid().nullable(),
    refId: z.string(),
    title: z.string(),
    description: z.string(),
    assessable: z.boolean(),
    depth: z.number().int(),
    position: z.number().int(),
    controlIds: z.array(z.uuid()).openapi({ description: 'Controls linked to this requirement' }),
    mappedControlIds: z
      .array(z.uuid())
      .openapi({ description: 'Controls linked to requirements mapped to this one (other frameworks)' }),
  })
  .openapi('ComplianceRequirement');
export const RequirementPage = pageSchema(Requirement).openapi('ComplianceRequirementPage');
export const RequirementListQuery = listQuery(['position'], 'position').extend({
  assessable: booleanQuery.optional(),
});

export const Mapping = z
  .object({
    sourceId: z.uuid(),
    targetId: z.uuid(),
    relationship: z.enum(RELATIONSHIPS),
    source: z.object({ refId: z.string(), title: z.string(), frameworkId: z.uuid(), frameworkName: z.string() }),
    target: z.object({ refId: z.string(), title: z.string(), frameworkId: z.uuid(), frameworkName: z.string() }),
  })
  .openapi('ComplianceMapping');
export const RequirementDetail = Requirement.extend({
  frameworkName: z.string(),
  frameworkVersion: z.string(),
  mappings: z.array(Mapping),
}).openapi('ComplianceRequirementDetail');

export const CreateMappingBody = z
  .strictObject({ sourceId: uuid, targetId: uuid, relationship: z.enum(RELATIONSHIPS).default('related') })
  .openapi('CreateComplianceMapping');
export const MappingKeyQuery = z.object({ sourceId: uuid, targetId: uuid });

export const BuiltinLibrary = z
  .object({
    key: z.string(),
    version: z.string(),
    name: z.string(),
    requirementCount: z.number().int(),
    importedFrameworkId: z.uuid().nullable(),
  })
  .openapi('ComplianceBuiltinLibrary');
export const BuiltinKeyParam = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,62}$/, 'A library key.') });
