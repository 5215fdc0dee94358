import type { ColumnType, Generated } from 'kysely';

// The company's and the parties' e-invoicing details (declaration merging into Database).

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

/** The company as seller (and buyer) on e-invoices: one row. */
export interface EinvoiceProfileTable extends AddressAndEndpoint {
  id: Generated<boolean>;
  legal_name: Generated<string>;
  vat_id: Generated<string>;
  /** The legal registration id (company number), optional. */
  company_id: Generated<string>;
  iban: Generated<string>;
  bic: Generated<string>;
  version: Generated<number>;
  updated_at: UpdatedAt;
}

/** A party's endpoint and address (its VAT id is the party's `tax_id`). */
export interface PartyEinvoiceTable extends AddressAndEndpoint {
  party_id: string;
  updated_at: UpdatedAt;
}

export interface EinvoiceTables {
  'finance.einvoice_profile': EinvoiceProfileTable;
  'finance.party_einvoice': PartyEinvoiceTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends EinvoiceTables {}
}
