import type { Db, Tx } from '../db/database.js';
import {
  privacyRecord,
  type PrivacyErasure,
  type PrivacyHandlers,
  type PrivacyIdentity,
  type PrivacySection,
} from '../modules/privacy.js';
import './files.tables.js';

/**
 * Files' part of privacy requests (Compliance, docs/adr/0025): the attachments on the person's own
 * record (a contact's, an employee's) and those their user account uploaded, as metadata (name, type,
 * size, SHA-256, the record they are on; the bytes stay in the store and are downloaded through the
 * attachments routes). Nothing is erased here: an attachment belongs to the record it is on, whose
 * module decides (a posted invoice's PDF is an accounting record); the report lists them as kept.
 */

function attachmentsOf(db: Db, identity: PrivacyIdentity) {
  return db
    .selectFrom('platform.attachments')
    .select([
      'id',
      'record_type',
      'record_id',
      'file_name',
      'content_type',
      'size',
      'sha256',
      'created_by',
      'created_at',
    ])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('record_type', '=', identity.subject.type), eb('record_id', '=', identity.subject.id)]),
        ...(identity.userId ? [eb('created_by', '=', identity.userId)] : []),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

async function exportFiles(db: Db, identity: PrivacyIdentity): Promise<PrivacySection[]> {
  const rows = await attachmentsOf(db, identity);
  return [
    {
      key: 'files.attachments',
      title: 'Attachments on the person’s record or uploaded by them (metadata)',
      records: rows.map(privacyRecord),
    },
  ];
}

async function eraseFiles(trx: Tx, identity: PrivacyIdentity): Promise<PrivacyErasure> {
  const rows = await attachmentsOf(trx, identity);
  return {
    anonymized: [],
    retained:
      rows.length === 0
        ? []
        : [
            {
              what: 'Attachments on the person’s record or uploaded by them',
              count: rows.length,
              reason:
                'An attachment belongs to the record it is on (e.g. a posted document’s PDF, a task’s file): delete it there if it is not needed; uploads name only the user account, which is anonymized.',
            },
          ],
  };
}

export const filesPrivacy: PrivacyHandlers = { export: exportFiles, erase: eraseFiles };
