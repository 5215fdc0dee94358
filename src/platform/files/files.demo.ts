import type { DemoGenerator } from '../demo/demo.js';
import { attachableRecordTypes } from './attachable.js';
import * as repo from './attachments.repository.js';
import { objectKey } from './file-store.js';

/** Who "uploaded" the sample files (no user row: the demo loader). */
export const DEMO_UPLOADER = '00000000-0000-4000-8000-00000000f11e';

/**
 * `npm run demo`: a couple of small text files on the first records of every type that takes
 * attachments (each module names its records: `demoRecords` in its manifest). Needs the file store in
 * the context; a record that already has attachments is left alone (the demo can run again).
 */
export const filesDemo: DemoGenerator = {
  module: 'files',
  async generate({ db, faker, size, files, log }) {
    if (!files) return log('files: no file store given; no sample attachments');
    // Lazily: the app's module list imports this module's manifest.
    const { modules } = await import('../../app/modules.js');
    const perType = Math.max(10, Math.round(50 * size));
    let count = 0;
    for (const type of attachableRecordTypes(modules)) {
      if (!type.demoRecords) continue;
      for (const recordId of await (
        await type.demoRecords()
      )(db, perType)) {
        const existing = await repo.listAttachments(db, type.recordType, recordId, { limit: 1, sort: 'createdAt' });
        if (existing.items.length > 0) continue;
        const id = faker.string.uuid();
        const key = objectKey('attachments', id);
        const text = `${faker.lorem.paragraphs(2)}\n`;
        const written = await files.write(key, text, { contentType: 'text/plain' });
        await repo.insertAttachment(db, {
          id,
          record_type: type.recordType,
          record_id: recordId,
          object_key: key,
          file_name: `${faker.word.noun()} notes.txt`,
          content_type: 'text/plain',
          size: written.size,
          sha256: written.sha256,
          created_by: DEMO_UPLOADER,
        });
        count++;
      }
    }
    log(`files: ${count} sample attachments`);
  },
};
