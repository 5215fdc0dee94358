import { useState } from 'react';
import { QrCode } from './QrCode';
import { downloadRecoveryCodes, type Enrolment } from './twoFactor';

/** A QR code of the otpauth:// URI for an authenticator app, the secret to type in instead, and the URI. */
export function EnrolmentSecret({ enrolment }: { enrolment: Enrolment }) {
  const grouped = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <div className="enrolment-secret">
      <p>
        Scan this QR code with your authenticator app (e.g. Google Authenticator, Microsoft Authenticator, 1Password):
      </p>
      <QrCode text={enrolment.uri} label="QR code for your authenticator app" />
      <p>Or add an account with this setup key — time-based, 6 digits, every 30 seconds:</p>
      <p>
        <code className="secret" data-testid="two-factor-secret" aria-label="Setup key">
          {grouped}
        </code>
      </p>
      <details>
        <summary>Setup link (otpauth URI)</summary>
        <p>
          <code className="secret wrap" data-testid="two-factor-uri">
            {enrolment.uri}
          </code>
        </p>
      </details>
    </div>
  );
}

/** Recovery codes, shown once, with copy and download. */
export function RecoveryCodesList({ codes, account }: { codes: string[]; account: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="recovery-codes">
      <p className="banner banner-info" role="status">
        Save these recovery codes now — they are shown only once. Each signs you in once if you lose your phone.
      </p>
      <ul className="plain-list recovery-code-list" aria-label="Recovery codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="secret">{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy codes'}
        </button>
        <button type="button" className="btn" onClick={() => downloadRecoveryCodes(codes, account)}>
          Download as text
        </button>
      </div>
    </div>
  );
}
