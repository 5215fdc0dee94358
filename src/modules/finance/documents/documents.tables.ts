// Tables of parties, invoices, bills, credit notes and payments (declaration merging into Database).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the tables arrive
export interface DocumentTables {}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends DocumentTables {}
}
