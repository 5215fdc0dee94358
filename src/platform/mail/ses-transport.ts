import type { SESv2Client, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { MailAddress } from './mime.js';
import { formatAddress } from './mime.js';
import { MailDisabledError, type MailTransport, type OutgoingMail, type SentMail } from './transport.js';

/** The part of the SES v2 client the transport uses (a test passes a fake). */
export interface SesClientLike {
  send: SESv2Client['send'];
}

/** The SendEmail request for a message: the raw MIME bytes, the envelope, the sending identity. */
export function sendEmailRequest(mail: OutgoingMail, identityArn?: string): SendEmailCommandInput {
  const m = mail.message;
  return {
    FromEmailAddress: formatAddress(m.from),
    ...(identityArn ? { FromEmailAddressIdentityArn: identityArn } : {}),
    Destination: {
      ToAddresses: m.to.map((a) => a.address),
      ...(m.cc && m.cc.length > 0 ? { CcAddresses: m.cc.map((a) => a.address) } : {}),
    },
    ...(m.replyTo ? { ReplyToAddresses: [m.replyTo.address] } : {}),
    Content: { Raw: { Data: new Uint8Array(mail.raw) } },
  };
}

/**
 * SES (v2 API), on AWS. The client is imported on first send (kept out of cold starts, like the other
 * AWS SDK clients). Without `from` (the stage's MAIL_FROM), sending is disabled: every send fails
 * with `MailDisabledError`, so the job ends `failed` with that explanation.
 */
export class SesMailTransport implements MailTransport {
  readonly kind = 'ses' as const;
  #client: Promise<SesClientLike> | undefined;

  constructor(
    readonly from: MailAddress | undefined,
    readonly options: { identityArn?: string | undefined; client?: SesClientLike } = {},
  ) {
    if (options.client) this.#client = Promise.resolve(options.client);
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    if (!this.from) throw new MailDisabledError();
    this.#client ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client }) => new SESv2Client({}));
    const client = await this.#client;
    const { SendEmailCommand } = await import('@aws-sdk/client-sesv2');
    const output = await client.send(new SendEmailCommand(sendEmailRequest(mail, this.options.identityArn)));
    return { transport: 'ses', id: output.MessageId ?? mail.key };
  }
}
