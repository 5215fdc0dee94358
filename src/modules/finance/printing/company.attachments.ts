import type { RecordVisibility } from '../../../platform/files/attachable.js';
import { COMPANY_RECORD_ID } from './company-record.js';

/**
 * The company's own files (its logo), as attachments on one `finance.company` record: the only
 * record of the type is COMPANY_RECORD_ID (declared in finance.module.ts).
 */
export const companyVisible: RecordVisibility = async (_db, _ctx, id) => id === COMPANY_RECORD_ID;
