import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { COMPANY_RECORD_ID } from './company-record.js';
import * as repo from './company-profile.repository.js';
import type { CompanyProfileDto, UpdateCompanyProfileInput } from './company-profile.schemas.js';
import type { CompanyProfileTable } from './printing.tables.js';
import { DEFAULT_TEXTS, DOCUMENT_PLACEHOLDERS, STATEMENT_PLACEHOLDERS } from './template-text.js';

export type CompanyProfileRow = Selectable<CompanyProfileTable>;

/** Logos are drawn by the PDF library, which embeds these two. */
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

export function toCompanyProfileDto(row: CompanyProfileRow): CompanyProfileDto {
  return {
    legalName: row.legal_name,
    vatId: row.vat_id,
    registration: row.registration,
    street: row.street,
    city: row.city,
    postalZone: row.postal_zone,
    countryCode: row.country_code,
    email: row.email,
    phone: row.phone,
    bankName: row.bank_name,
    iban: row.iban,
    bic: row.bic,
    endpointScheme: row.endpoint_scheme,
    endpointId: row.endpoint_id,
    headerText: row.header_text,
    footerText: row.footer_text,
    paymentText: row.payment_text,
    emailSubject: row.email_subject,
    emailBody: row.email_body,
    statementEmailSubject: row.statement_email_subject,
    statementEmailBody: row.statement_email_body,
    logo:
      row.logo_attachment_id && row.logo_content_type
        ? { attachmentId: row.logo_attachment_id, contentType: row.logo_content_type }
        : null,
    companyRecordId: COMPANY_RECORD_ID,
    placeholders: { document: [...DOCUMENT_PLACEHOLDERS], statement: [...STATEMENT_PLACEHOLDERS] },
    version: row.version,
  };
}

/** The texts to use: the administrator's, or the defaults where they left one empty. */
export function effectiveTexts(row: CompanyProfileRow) {
  const or = (value: string, fallback: string) => (value.trim() === '' ? fallback : value);
  return {
    headerText: or(row.header_text, DEFAULT_TEXTS.headerText),
    footerText: or(row.footer_text, DEFAULT_TEXTS.footerText),
    paymentText: or(row.payment_text, DEFAULT_TEXTS.paymentText),
    emailSubject: or(row.email_subject, DEFAULT_TEXTS.emailSubject),
    emailBody: or(row.email_body, DEFAULT_TEXTS.emailBody),
    statementEmailSubject: or(row.statement_email_subject, DEFAULT_TEXTS.statementEmailSubject),
    statementEmailBody: or(row.statement_email_body, DEFAULT_TEXTS.statementEmailBody),
  };
}

export async function getCompanyProfile(db: Db) {
  return toCompanyProfileDto(await repo.getCompanyProfile(db));
}

const FIELDS = {
  legalName: 'legal_name',
  vatId: 'vat_id',
  registration: 'registration',
  street: 'street',
  city: 'city',
  postalZone: 'postal_zone',
  countryCode: 'country_code',
  email: 'email',
  phone: 'phone',
  bankName: 'bank_name',
  iban: 'iban',
  bic: 'bic',
  endpointScheme: 'endpoint_scheme',
  endpointId: 'endpoint_id',
  headerText: 'header_text',
  footerText: 'footer_text',
  paymentText: 'payment_text',
  emailSubject: 'email_subject',
  emailBody: 'email_body',
  statementEmailSubject: 'statement_email_subject',
  statementEmailBody: 'statement_email_body',
} as const satisfies Partial<Record<keyof UpdateCompanyProfileInput, keyof CompanyProfileRow>>;

/** The letterhead's address lines: street, postal zone and city, country code. */
export function addressLines(row: Pick<CompanyProfileRow, 'street' | 'postal_zone' | 'city' | 'country_code'>) {
  return [row.street, [row.postal_zone, row.city].filter(Boolean).join(' '), row.country_code].filter(
    (l) => l.trim() !== '',
  );
}

/**
 * Changes the company profile (with the version read): its identity, address, bank account, Peppol
 * endpoint (scheme and id together, or neither: 422), texts and logo. The logo must be a PNG or JPEG
 * attachment on the company record (422 otherwise); its file key is kept, so printing reads it
 * straight from the file store.
 */
export async function updateCompanyProfile(db: Db, ctx: RequestContext, input: UpdateCompanyProfileInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.lockCompanyProfile(trx);
    assertVersion('Company profile', before, input.version);
    const values: Partial<Record<(typeof FIELDS)[keyof typeof FIELDS], string>> = {};
    for (const [key, column] of Object.entries(FIELDS) as [
      keyof typeof FIELDS,
      (typeof FIELDS)[keyof typeof FIELDS],
    ][]) {
      const value = input[key];
      if (value !== undefined) values[column] = value;
    }
    const endpointScheme = values.endpoint_scheme ?? before.endpoint_scheme;
    const endpointId = values.endpoint_id ?? before.endpoint_id;
    if (!endpointScheme !== !endpointId)
      throw errors.validation([
        {
          path: endpointId ? 'endpointScheme' : 'endpointId',
          message: 'A Peppol endpoint needs both its scheme (endpointScheme) and its id (endpointId).',
        },
      ]);
    let logo: Pick<CompanyProfileRow, 'logo_attachment_id' | 'logo_key' | 'logo_content_type'> | undefined;
    if (input.logoAttachmentId === null) logo = { logo_attachment_id: null, logo_key: null, logo_content_type: null };
    else if (input.logoAttachmentId !== undefined) {
      const file = await repo.findCompanyAttachment(trx, input.logoAttachmentId, COMPANY_RECORD_ID);
      if (!file)
        throw errors.validation([
          {
            path: 'logoAttachmentId',
            message: 'No file with this id on the company record (upload it with recordType finance.company).',
            code: 'invalid_reference',
          },
        ]);
      if (!(LOGO_TYPES as readonly string[]).includes(file.content_type))
        throw errors.validation([
          { path: 'logoAttachmentId', message: 'The logo must be a PNG or JPEG image.', code: 'logo_type' },
        ]);
      logo = { logo_attachment_id: file.id, logo_key: file.object_key, logo_content_type: file.content_type };
    }
    const after = await repo.updateCompanyProfile(trx, { ...values, ...logo });
    const dto = toCompanyProfileDto(after);
    const { placeholders: _p, companyRecordId: _c, ...audited } = dto;
    const { placeholders: _bp, companyRecordId: _bc, ...auditedBefore } = toCompanyProfileDto(before);
    await writeAudit(trx, ctx, {
      action: 'company-profile.updated',
      entityType: 'finance.company_profile',
      entityId: '1',
      before: auditedBefore,
      after: audited,
    });
    return dto;
  });
}
