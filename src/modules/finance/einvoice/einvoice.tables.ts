import type { ColumnType, Generated } from 'kysely';

// The parties' e-invoicing details (the company's are in finance.company_profile, printing.tables.ts) (declaration merging into Database).

type UpdatedAt = ColumnType<Date, never, Date>;

/** A postal address with its ISO 3166-1 country, and a Peppol endpoint (EAS scheme + id). */
interface AddressAndEndpoint {
  street: Generated<string>;
  city: Generated<string>;
  postal_zone: Generated<string>;
  country_code: Generated<string>;
  endpoint_scheme: Generated<string>;
  endpoint_id: Generated<string>;
}

/** A party's endpoint and address (its VAT id is the party's `tax_id`). */
export interface PartyEinvoiceTable extends AddressAndEndpoint {
  party_id: string;
  updated_at: UpdatedAt;
}

export interface EinvoiceTables {
  'finance.party_einvoice': PartyEinvoiceTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends EinvoiceTables {}
}
