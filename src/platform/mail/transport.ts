import type { MailAddress, MimeMessage } from './mime.js';

/** One message ready to go: rendered, attachments loaded, MIME-encoded once for every transport. */
export interface OutgoingMail {
  message: MimeMessage;
  /** The RFC 5322 bytes of `message` (`composeMessage`). */
  raw: Buffer;
  /** Stable across retries of one send (the job's id): a transport may use it to avoid duplicates. */
  key: string;
}

export interface SentMail {
  transport: 'local' | 'ses';
  /** The provider's id (SES MessageId) or the local outbox entry's id. */
  id: string;
}

/** Where outbound mail goes: SES on AWS, `<MOMS_DATA_DIR>/mail/*.eml` locally (docs/mail.md). */
export interface MailTransport {
  readonly kind: 'local' | 'ses';
  /** The sender when a message names none (`MAIL_FROM`); undefined: sending is disabled. */
  readonly from: MailAddress | undefined;
  send(mail: OutgoingMail): Promise<SentMail>;
}

/** Thrown when the stage has no sender configured: the send job fails with this message. */
export class MailDisabledError extends Error {
  constructor() {
    super(
      "Sending mail is disabled: this stage has no MAIL_FROM (set the stage's mail.from and its SES identity; docs/mail.md).",
    );
    this.name = 'MailDisabledError';
  }
}

/** `Name <a@b>` or `a@b` (MAIL_FROM) as an address; undefined when it is not one. */
export function parseAddress(value: string): MailAddress | undefined {
  const angle = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (angle) {
    const name = angle[1]!.replace(/^"(.*)"$/, '$1').trim();
    return name ? { name, address: angle[2]! } : { address: angle[2]! };
  }
  const bare = value.trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? { address: bare } : undefined;
}
