import { describeDatabase } from '../../app/database.js';
import { loadConfig } from '../../platform/config/config.js';
import { startLocalStack } from './local-stack.js';

/** `npm start`: MOMS on http://localhost:3000 with an embedded database. No AWS account needed. */
const config = loadConfig();
console.log(`MOMS: starting with ${describeDatabase(config)} …`);
const stack = await startLocalStack(config);

const lines = [
  `MOMS is running at ${stack.url}`,
  `  Web app:   ${stack.url}/   (sign in there)`,
  `  API docs:  ${stack.url}/api/docs`,
  `  Health:    ${stack.url}/api/health`,
];
if (stack.admin) {
  lines.push('', 'First start: an administrator was created.', `  email:     ${stack.admin.email}`);
  lines.push(
    stack.admin.generatedPassword
      ? `  password:  ${stack.admin.generatedPassword}   (shown once; change it after signing in)`
      : '  password:  the one in MOMS_ADMIN_PASSWORD',
  );
  lines.push(
    '',
    'Sign in:',
    `  curl -s ${stack.url}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `    -d '{"email":"${stack.admin.email}","password":"…"}'`,
  );
}
console.log(lines.join('\n'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\nMOMS: ${signal}, shutting down …`);
    void stack.close().then(() => process.exit(0));
  });
}
