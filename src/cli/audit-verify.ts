import { openDatabase } from '../app/database.js';
import { loadConfig } from '../platform/config/config.js';
import { verifyAuditChain } from '../platform/audit/audit-verify.js';

/** `npm run audit:verify`: exit 0 when the chain is intact, 1 with the first problem otherwise. */
const handle = await openDatabase(loadConfig());
try {
  const report = await verifyAuditChain(handle.db);
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await handle.close();
}
