import path from 'node:path';
import { loadConfig, type Config } from '../config/config.js';
import { parseAddress, type MailTransport } from './transport.js';

/** The sender a local installation uses when MAIL_FROM is unset (nothing leaves the machine). */
export const LOCAL_DEFAULT_FROM = 'MOMS <no-reply@moms.local>';

/** Where the local transport writes: `<MOMS_DATA_DIR>/mail`. */
export const localOutboxDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'mail');

/**
 * The transport a configuration selects (MAIL_TRANSPORT, MAIL_FROM, MAIL_IDENTITY_ARN). Its code (and
 * the MIME writer) is imported here, on first use: `createRuntime` installs the configuration at every
 * cold start, which should not load it (docs/adr/0006).
 */
export async function createMailTransport(config: Config): Promise<MailTransport> {
  if (config.mailTransport === 'ses') {
    const from = config.MAIL_FROM ? parseAddress(config.MAIL_FROM) : undefined;
    if (config.MAIL_FROM && !from) throw new Error(`MAIL_FROM is not a mail address: ${config.MAIL_FROM}`);
    const { SesMailTransport } = await import('./ses-transport.js');
    return new SesMailTransport(from, { identityArn: config.MAIL_IDENTITY_ARN });
  }
  const from = parseAddress(config.MAIL_FROM ?? LOCAL_DEFAULT_FROM);
  if (!from) throw new Error(`MAIL_FROM is not a mail address: ${config.MAIL_FROM}`);
  const { LocalMailTransport } = await import('./local-transport.js');
  return new LocalMailTransport(localOutboxDir(config), from);
}

let config: Config | undefined;
let transport: MailTransport | Promise<MailTransport> | undefined;

/**
 * The configuration the `platform.mail.send` job sends with in this process: `createRuntime` installs
 * its own (the Lambda worker's, `npm start`'s, a test app's). Job handlers get only a database, so
 * the process's mail transport is found here (as its file store is, `jobs/job-files.ts`).
 */
export function useMailConfig(next: Config): void {
  config = next;
  transport = undefined;
}

/** Tests: send with this transport instead of the configured one (undefined: back to the configuration). */
export function useMailTransport(next: MailTransport | undefined): void {
  transport = next;
}

export async function mailTransport(): Promise<MailTransport> {
  if (!transport) {
    const created = createMailTransport(config ?? loadConfig());
    transport = created;
    created.catch(() => {
      if (transport === created) transport = undefined; // the next send tries again
    });
  }
  return transport;
}
