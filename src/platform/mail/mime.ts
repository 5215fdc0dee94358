import { randomBytes } from 'node:crypto';

/**
 * A minimal RFC 5322 / MIME (RFC 2045–2047) writer and reader for the messages MOMS sends: headers
 * with RFC 2047 encoded words for non-ASCII subjects and display names, a text and an HTML part
 * (`multipart/alternative`, quoted-printable UTF-8), and attachments (`multipart/mixed`, base64).
 * The same bytes go to SES (`Content.Raw`) and to the local outbox (`.moms/mail/*.eml`).
 */

export interface MailAddress {
  address: string;
  name?: string | undefined;
}

export interface MimeAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface MimeMessage {
  from: MailAddress;
  to: readonly MailAddress[];
  cc?: readonly MailAddress[] | undefined;
  replyTo?: MailAddress | undefined;
  subject: string;
  text: string;
  html: string;
  attachments?: readonly MimeAttachment[] | undefined;
  /** `<id@domain>`, stable across retries of one send. */
  messageId: string;
  date: Date;
}

const CRLF = '\r\n';
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** Refuses what would break a header (CR, LF, other controls): callers validate first; this is the backstop. */
function assertHeaderSafe(value: string): void {
  // eslint-disable-next-line no-control-regex -- that is the point
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) throw new Error('A mail header value contains a control character');
}

/** RFC 2047 `=?UTF-8?B?…?=` words (each ≤ 75 characters, split on character boundaries) when not plain ASCII. */
export function encodeWords(value: string): string {
  assertHeaderSafe(value);
  if (ASCII_PRINTABLE.test(value) && !/=\?/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    // 39 bytes of UTF-8 → 52 base64 characters, + 12 of framing = 64: with a header's name, under 78
    if (Buffer.byteLength(chunk + ch, 'utf8') > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

const ATEXT_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/;

/** `Name <address>` with the name quoted or encoded as needed; the address must be plain ASCII. */
export function formatAddress(a: MailAddress): string {
  assertHeaderSafe(a.address);
  if (!/^[^\s<>"(),;:\\[\]@]+@[^\s<>"(),;:\\[\]@]+$/.test(a.address) || !ASCII_PRINTABLE.test(a.address))
    throw new Error(`Not a deliverable mail address: ${JSON.stringify(a.address)}`);
  if (!a.name) return a.address;
  let name: string;
  if (ATEXT_PHRASE.test(a.name)) name = a.name;
  else if (ASCII_PRINTABLE.test(a.name)) name = `"${a.name.replace(/(["\\])/g, '\\$1')}"`;
  else name = encodeWords(a.name);
  return `${name} <${a.address}>`;
}

/** Quoted-printable (RFC 2045 §6.7) of UTF-8 text, lines ending CRLF, soft breaks under 76 characters. */
export function quotedPrintable(text: string): string {
  const lines = text.replace(/\r\n|\r/g, '\n').split('\n');
  return lines
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let out = '';
      let current = '';
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        const last = i === bytes.length - 1;
        const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
        const piece = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (current.length + piece.length > 75) {
          out += `${current}=${CRLF}`;
          current = '';
        }
        current += piece;
      }
      return out + current;
    })
    .join(CRLF);
}

function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

function header(name: string, value: string): string {
  return `${name}: ${value}`;
}

function boundary(): string {
  return `=_moms_${randomBytes(12).toString('hex')}`;
}

/** `filename="…"`, or for a name that is not plain ASCII, RFC 2231's `filename*=UTF-8''…` (alone: parsers take the first). */
function fileNameParams(fileName: string): string {
  assertHeaderSafe(fileName);
  if (ASCII_PRINTABLE.test(fileName) && !/["\\]/.test(fileName)) return `filename="${fileName}"`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  if (encoded.length <= 60) return `filename*=UTF-8''${encoded}`;
  // RFC 2231 continuations keep every header line short: filename*0*=UTF-8''…; filename*1*=…
  const chunks = encoded.match(/(?:%[0-9A-F]{2}|[^%]){1,20}/g) ?? [];
  return chunks.map((c, i) => `filename*${i}*=${i === 0 ? "UTF-8''" : ''}${c}`).join(`;${CRLF} `);
}

/** The whole message as bytes (CRLF line endings, 7-bit clean). */
export function composeMessage(m: MimeMessage): Buffer {
  if (m.to.length === 0) throw new Error('A message needs at least one recipient');
  const headers = [
    header('From', formatAddress(m.from)),
    header('To', m.to.map(formatAddress).join(`,${CRLF} `)),
    ...(m.cc && m.cc.length > 0 ? [header('Cc', m.cc.map(formatAddress).join(`,${CRLF} `))] : []),
    ...(m.replyTo ? [header('Reply-To', formatAddress(m.replyTo))] : []),
    header('Subject', encodeWords(m.subject)),
    header('Date', m.date.toUTCString().replace('GMT', '+0000')),
    header('Message-ID', m.messageId),
    header('MIME-Version', '1.0'),
  ];
  const alt = boundary();
  const alternative = [
    `--${alt}`,
    header('Content-Type', 'text/plain; charset=utf-8'),
    header('Content-Transfer-Encoding', 'quoted-printable'),
    '',
    quotedPrintable(m.text),
    `--${alt}`,
    header('Content-Type', 'text/html; charset=utf-8'),
    header('Content-Transfer-Encoding', 'quoted-printable'),
    '',
    quotedPrintable(m.html),
    `--${alt}--`,
    '',
  ];
  let body: string[];
  if (m.attachments && m.attachments.length > 0) {
    const mixed = boundary();
    body = [
      header('Content-Type', `multipart/mixed;${CRLF} boundary="${mixed}"`),
      '',
      `--${mixed}`,
      header('Content-Type', `multipart/alternative;${CRLF} boundary="${alt}"`),
      '',
      ...alternative,
      ...m.attachments.flatMap((a) => {
        assertHeaderSafe(a.contentType);
        return [
          `--${mixed}`,
          header('Content-Type', a.contentType),
          header('Content-Transfer-Encoding', 'base64'),
          header('Content-Disposition', `attachment;${CRLF} ${fileNameParams(a.fileName)}`),
          '',
          base64Lines(a.content),
        ];
      }),
      `--${mixed}--`,
      '',
    ];
  } else {
    body = [header('Content-Type', `multipart/alternative;${CRLF} boundary="${alt}"`), '', ...alternative];
  }
  return Buffer.from([...headers, ...body].join(CRLF), 'utf8');
}

// ---------------------------------------------------------------------------------------------------
// Reading (the local outbox's API and the tests): enough of MIME for what `composeMessage` writes and
// for ordinary messages, never trusted beyond display (the API answers JSON, the page shows the HTML
// in a sandboxed frame).

export interface ParsedPart {
  headers: { name: string; value: string }[];
  /** Decoded body bytes (for a leaf part). */
  body: Buffer;
  parts: ParsedPart[];
}

export interface ParsedMessage {
  /** Every header, unfolded, encoded words decoded, in order. */
  headers: { name: string; value: string }[];
  subject: string;
  from: string;
  to: string[];
  cc: string[];
  date: string | null;
  messageId: string | null;
  text: string | null;
  html: string | null;
  attachments: { fileName: string; contentType: string; size: number }[];
}

/** Decodes RFC 2047 encoded words (B and Q, UTF-8 and Latin-1); whitespace between two words goes. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, enc: string, text: string) => {
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            );
      return /^utf-?8$/i.test(charset) ? bytes.toString('utf8') : bytes.toString('latin1');
    });
}

function splitHeaders(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: '' };
  const sep = raw.slice(at).match(/^\r?\n\r?\n/)![0];
  return { head: raw.slice(0, at), body: raw.slice(at + sep.length) };
}

function parseHeaders(head: string): { name: string; value: string }[] {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded
    .split(/\r?\n/)
    .filter((line) => line.includes(':'))
    .map((line) => {
      const i = line.indexOf(':');
      return { name: line.slice(0, i).trim(), value: decodeWords(line.slice(i + 1).trim()) };
    });
}

const get = (headers: { name: string; value: string }[], name: string) =>
  headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

function param(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const pieces = [...value.matchAll(new RegExp(`;\\s*${name}\\*(\\d+)\\*?=("[^"]*"|[^;\\s]+)`, 'gi'))];
  if (pieces.length > 0) {
    const joined = pieces
      .sort((a, b) => Number(a[1]) - Number(b[1]))
      .map((p) => p[2]!.replace(/^"(.*)"$/, '$1'))
      .join('');
    const at = /^([^']*)'[^']*'(.*)$/.exec(joined);
    try {
      return decodeURIComponent(at ? at[2]! : joined);
    } catch {
      return joined;
    }
  }
  const star = new RegExp(`;\\s*${name}\\*=([^']*)'[^']*'([^;]+)`, 'i').exec(value);
  if (star) return decodeURIComponent(star[2]!.trim());
  const plain = new RegExp(`;\\s*${name}=("([^"]*)"|[^;\\s]+)`, 'i').exec(value);
  return plain ? (plain[2] ?? plain[1]) : undefined;
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes);
}

export function parsePart(raw: string): ParsedPart {
  const { head, body } = splitHeaders(raw);
  const headers = parseHeaders(head);
  const type = get(headers, 'content-type') ?? 'text/plain';
  const b = /^multipart\//i.test(type) ? param(type, 'boundary') : undefined;
  if (b) {
    const parts: ParsedPart[] = [];
    const chunks = body.split(
      new RegExp(`\\r?\\n?--${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`),
    );
    // chunks[0] is the preamble, the last the epilogue
    for (const chunk of chunks.slice(1, -1)) parts.push(parsePart(chunk));
    return { headers, body: Buffer.alloc(0), parts };
  }
  const encoding = (get(headers, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  const decoded =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'utf8');
  return { headers, body: decoded, parts: [] };
}

/** Splits an address-list header on the commas outside quotes and angle brackets. */
function addressList(value: string | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if (ch === ',' && !quoted && !angle) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

export function parseMessage(bytes: Buffer | string): ParsedMessage {
  const root = parsePart(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  let text: string | null = null;
  let html: string | null = null;
  const attachments: ParsedMessage['attachments'] = [];
  const walk = (part: ParsedPart) => {
    if (part.parts.length > 0) return part.parts.forEach(walk);
    const type = get(part.headers, 'content-type') ?? 'text/plain';
    const disposition = get(part.headers, 'content-disposition');
    const mediaType = type.split(';')[0]!.trim().toLowerCase();
    if (disposition && /^attachment/i.test(disposition)) {
      attachments.push({
        fileName: param(disposition, 'filename') ?? param(type, 'name') ?? 'attachment',
        contentType: mediaType,
        size: part.body.length,
      });
    } else if (mediaType === 'text/plain' && text === null) text = part.body.toString('utf8');
    else if (mediaType === 'text/html' && html === null) html = part.body.toString('utf8');
  };
  walk(root);
  return {
    headers: root.headers,
    subject: get(root.headers, 'subject') ?? '',
    from: get(root.headers, 'from') ?? '',
    to: addressList(get(root.headers, 'to')),
    cc: addressList(get(root.headers, 'cc')),
    date: get(root.headers, 'date') ?? null,
    messageId: get(root.headers, 'message-id') ?? null,
    text,
    html,
    attachments,
  };
}
