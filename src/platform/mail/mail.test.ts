import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import {
  composeMessage,
  decodeWords,
  encodeWords,
  formatAddress,
  parseMessage,
  quotedPrintable,
  type MimeMessage,
} from './mime.js';
import { sendEmailRequest, SesMailTransport } from './ses-transport.js';
import { escapeHtml, html } from './templates.js';
import { parseAddress } from './transport.js';

const message: MimeMessage = {
  from: { address: 'billing@acme.example', name: 'ACME Billing' },
  to: [{ address: 'jo@example.com', name: 'Jo "JJ" Doe' }],
  cc: [{ address: 'cc@example.com' }],
  replyTo: { address: 'help@acme.example' },
  subject: 'Rechnung Nr. 42 — fällig',
  text: `Line one\nA long line ${'é'.repeat(60)} with = signs and trailing space \nend`,
  html: '<p>Hi</p>',
  attachments: [{ fileName: 'invoice.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 fake') }],
  messageId: '<job-1@acme.example>',
  date: new Date('2026-12-03T10:00:00Z'),
};

describe('MIME', () => {
  it('encodes non-ASCII headers as RFC 2047 words that decode back, and leaves ASCII alone', () => {
    expect(encodeWords('Plain subject')).toBe('Plain subject');
    const long = 'Grüße aus Köln — '.repeat(8);
    const encoded = encodeWords(long);
    expect(encoded.split('\r\n ').every((w) => w.length <= 75 && /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/.test(w))).toBe(
      true,
    );
    expect(decodeWords(encoded.replace(/\r\n /g, ' '))).toBe(long);
    expect(formatAddress({ address: 'a@b.example', name: 'Zoë' })).toMatch(/^=\?UTF-8\?B\?.+\?= <a@b\.example>$/);
    expect(formatAddress({ address: 'a@b.example', name: 'Doe, Jo' })).toBe('"Doe, Jo" <a@b.example>');
    expect(() => encodeWords('Hi\r\nBcc: victim@example.com')).toThrow(/control character/);
    expect(() => formatAddress({ address: 'a@b.example>\r\nBcc: x@y' })).toThrow();
  });

  it('writes quoted-printable lines under 77 characters that decode to the text', () => {
    const qp = quotedPrintable(message.text);
    expect(qp.split('\r\n').every((l) => l.length <= 76)).toBe(true);
    expect(qp).toContain('space=20');
  });

  it('composes a message that parses back to the same headers, parts and attachments', () => {
    const raw = composeMessage(message);
    expect(raw.every((b) => b < 128)).toBe(true);
    const m = parseMessage(raw);
    expect(m.subject).toBe(message.subject);
    expect(m.from).toBe('ACME Billing <billing@acme.example>');
    expect(m.to).toEqual(['"Jo \\"JJ\\" Doe" <jo@example.com>']);
    expect(m.cc).toEqual(['cc@example.com']);
    expect(m.headers).toContainEqual({ name: 'Reply-To', value: 'help@acme.example' });
    expect(m.date).toBe('Thu, 03 Dec 2026 10:00:00 +0000');
    expect(m.text).toBe(message.text.replace(/\n/g, '\r\n'));
    expect(m.html).toBe('<p>Hi</p>');
    expect(m.attachments).toEqual([{ fileName: 'invoice.pdf', contentType: 'application/pdf', size: 13 }]);
  });
  it('encodes long non-ASCII attachment names in short RFC 2231 continuation lines that parse back', () => {
    const fileName = `${'Bericht März '.repeat(9)}😀.pdf`;
    const raw = composeMessage({
      ...message,
      attachments: [{ fileName, contentType: 'application/pdf', content: Buffer.from('x') }],
    });
    expect(
      raw
        .toString('latin1')
        .split('\r\n')
        .every((l) => l.length <= 78),
    ).toBe(true);
    expect(parseMessage(raw).attachments).toEqual([{ fileName, contentType: 'application/pdf', size: 1 }]);
  });
});

describe('templates', () => {
  it('escape every interpolated value, not nested html``', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const name = '<img src=x onerror=alert(1)>';
    expect(html`<p>${name} ${html`<b>${'&'}</b>`} ${[html`<i>1</i>`, '<2>']} ${null}</p>`.value).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; <b>&amp;</b> <i>1</i>&lt;2&gt; </p>',
    );
  });
});

describe('the SES transport', () => {
  it('sends one SendEmail request with the raw message, the envelope and the sending identity', async () => {
    const sent: SendEmailCommand[] = [];
    const transport = new SesMailTransport(parseAddress('ACME Billing <billing@acme.example>'), {
      identityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/acme.example',
      client: {
        send: (async (command: SendEmailCommand) => {
          sent.push(command);
          return { MessageId: 'ses-0001' };
        }) as never,
      },
    });
    const raw = composeMessage(message);
    const result = await transport.send({ message, raw, key: 'job-1' });
    expect(result).toEqual({ transport: 'ses', id: 'ses-0001' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(SendEmailCommand);
    const input = sent[0]!.input;
    expect(input).toMatchObject({
      FromEmailAddress: 'ACME Billing <billing@acme.example>',
      FromEmailAddressIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/acme.example',
      Destination: { ToAddresses: ['jo@example.com'], CcAddresses: ['cc@example.com'] },
      ReplyToAddresses: ['help@acme.example'],
    });
    expect(Buffer.from(input.Content!.Raw!.Data!).equals(raw)).toBe(true);
    expect(sendEmailRequest({ message: { ...message, cc: [] }, raw, key: 'k' }).Destination).toEqual({
      ToAddresses: ['jo@example.com'],
    });
  });

  it('without a sender it refuses to send, saying sending is disabled', async () => {
    const transport = new SesMailTransport(undefined, { client: { send: (async () => ({})) as never } });
    await expect(transport.send({ message, raw: Buffer.alloc(0), key: 'k' })).rejects.toThrow(
      /Sending mail is disabled/,
    );
  });
});
