import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { COMPANY_RECORD_ID } from './company-record.js';
import * as repo from './print-settings.repository.js';
import type { PrintSettingsDto, UpdatePrintSettingsInput } from './print-settings.schemas.js';
import type { PrintSettingsTable } from './printing.tables.js';
import { DEFAULT_TEXTS, DOCUMENT_PLACEHOLDERS, STATEMENT_PLACEHOLDERS } from './template-text.js';

export type PrintSettingsRow = Selectable<PrintSettingsTable>;

/** Logos are drawn by the PDF library, which embeds these two. */
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

export function toPrintSettingsDto(row: PrintSettingsRow): PrintSettingsDto {
  return {
    companyName: row.company_name,
    address: row.address,
    taxId: row.tax_id,
    registration: row.registration,
    email: row.email,
    phone: row.phone,
    bankName: row.bank_name,
    iban: row.iban,
    bic: row.bic,
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
export function effectiveTexts(row: PrintSettingsRow) {
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

export async function getPrintSettings(db: Db) {
  return toPrintSettingsDto(await repo.getPrintSettings(db));
}

const FIELDS = {
  companyName: 'company_name',
  address: 'address',
  taxId: 'tax_id',
  registration: 'registration',
  email: 'email',
  phone: 'phone',
  bankName: 'bank_name',
  iban: 'iban',
  bic: 'bic',
  headerText: 'header_text',
  footerText: 'footer_text',
  paymentText: 'payment_text',
  emailSubject: 'email_subject',
  emailBody: 'email_body',
  statementEmailSubject: 'statement_email_subject',
  statementEmailBody: 'statement_email_body',
} as const satisfies Partial<Record<keyof UpdatePrintSettingsInput, keyof PrintSettingsRow>>;

/**
 * Changes the company details, texts and logo (with the version read). The logo must be a PNG or
 * JPEG attachment on the company record (422 otherwise); its file key is kept, so printing reads it
 * straight from the file store.
 */
export async function updatePrintSettings(db: Db, ctx: RequestContext, input: UpdatePrintSettingsInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.lockPrintSettings(trx);
    assertVersion('Document settings', before, input.version);
    const values: Partial<Record<(typeof FIELDS)[keyof typeof FIELDS], string>> = {};
    for (const [key, column] of Object.entries(FIELDS) as [
      keyof typeof FIELDS,
      (typeof FIELDS)[keyof typeof FIELDS],
    ][]) {
      const value = input[key];
      if (value !== undefined) values[column] = key === 'iban' ? value.replace(/\s+/g, '').toUpperCase() : value;
    }
    let logo: Pick<PrintSettingsRow, 'logo_attachment_id' | 'logo_key' | 'logo_content_type'> | undefined;
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
    const after = await repo.updatePrintSettings(trx, { ...values, ...logo });
    const dto = toPrintSettingsDto(after);
    const { placeholders: _p, companyRecordId: _c, ...audited } = dto;
    const { placeholders: _bp, companyRecordId: _bc, ...auditedBefore } = toPrintSettingsDto(before);
    await writeAudit(trx, ctx, {
      action: 'finance-print-settings.updated',
      entityType: 'finance.print_settings',
      entityId: '1',
      before: auditedBefore,
      after: audited,
    });
    return dto;
  });
}
