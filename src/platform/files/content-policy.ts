import type { Config } from '../config/config.js';

/**
 * What an attachment may be: its size, its content type, its name. Checked when an upload is declared
 * (so a browser never sends bytes that will be refused) and again when it completes, against what
 * actually arrived (size, checksum, the first bytes).
 */
export interface ContentPolicy {
  maxBytes: number;
  allowedTypes: ReadonlySet<string>;
}

/** Documents, spreadsheets, images, text and archives that business records carry. */
export const DEFAULT_ALLOWED_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/json',
  'application/xml',
  'message/rfc822',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;

/** Never accepted, whatever the allow list says: programs and scripts a double click would run. */
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-dosexec',
  'application/x-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sh',
  'application/x-bat',
  'application/x-msi',
  'application/vnd.microsoft.portable-executable',
  'application/java-archive',
  'application/javascript',
  'text/javascript',
  'application/x-httpd-php',
  'text/html',
  'image/svg+xml', // scripts inside
]);

const EXECUTABLE_EXTENSION =
  /\.(exe|dll|com|bat|cmd|msi|msp|scr|pif|cpl|jar|js|mjs|jse|vbs|vbe|wsf|wsh|ps1|psm1|sh|bash|zsh|csh|app|apk|dmg|pkg|deb|rpm|run|bin|elf|so|dylib|html?|svg|hta|lnk|reg|php|py|pl|rb)$/i;

export function contentPolicy(config: Pick<Config, 'FILES_MAX_BYTES' | 'FILES_ALLOWED_TYPES'>): ContentPolicy {
  const listed = config.FILES_ALLOWED_TYPES?.split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  return { maxBytes: config.FILES_MAX_BYTES, allowedTypes: new Set(listed?.length ? listed : DEFAULT_ALLOWED_TYPES) };
}

/** `Application/PDF; charset=x` → `application/pdf`. */
export function baseContentType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

export type ContentProblem = { path: string; message: string; code: string } | null;

export function checkDeclared(
  policy: ContentPolicy,
  input: { fileName: string; contentType: string; size: number },
): ContentProblem {
  const type = baseContentType(input.contentType);
  if (input.size > policy.maxBytes) {
    return {
      path: 'size',
      message: `A file may have at most ${policy.maxBytes} bytes (${formatBytes(policy.maxBytes)}).`,
      code: 'too_large',
    };
  }
  if (EXECUTABLE_TYPES.has(type) || EXECUTABLE_EXTENSION.test(input.fileName)) {
    return { path: 'fileName', message: 'Programs and scripts cannot be attached.', code: 'executable' };
  }
  if (!policy.allowedTypes.has(type)) {
    return {
      path: 'contentType',
      message: `Files of type ${type || '(none)'} cannot be attached. Allowed: ${[...policy.allowedTypes].join(', ')}.`,
      code: 'content_type',
    };
  }
  return null;
}

/** Executable formats by their first bytes: Windows PE (`MZ`), ELF, Mach-O (both byte orders, fat). */
export function looksExecutable(head: Uint8Array): boolean {
  const hex = Buffer.from(head.subarray(0, 4)).toString('hex');
  return (
    hex.startsWith('4d5a') ||
    hex === '7f454c46' ||
    ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(hex) ||
    Buffer.from(head.subarray(0, 2)).toString('latin1') === '#!'
  );
}

/**
 * A file name safe to store, show and send in `Content-Disposition`: the last path segment only,
 * Unicode NFC, no control or reserved characters (`\ / : * ? " < > |`), no leading dots or trailing
 * dots and spaces, at most 200 characters with the extension kept; `file` when nothing is left.
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length).trimEnd() + ext;
  }
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) name = `_${name}`;
  return name || 'file';
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} B`;
}
