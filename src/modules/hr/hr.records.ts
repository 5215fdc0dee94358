import type { RecordVisibility } from '../../platform/files/attachable.js';
import { accessTo, viewerOf } from './access.js';

/** An employee is there for the caller when `GET /employees/{id}` answers (the directory card at least). */
export const employeeVisible: RecordVisibility = async (db, ctx, id) =>
  (await accessTo(db, await viewerOf(db, ctx), id)) !== 'none';
