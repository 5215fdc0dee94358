// The CRM module's tables (schema `crm`), merged into Database.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the tables arrive
export interface CrmTables {}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends CrmTables {}
}
