import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/problem';
import type { components } from '../api/schema';
import { EnrolmentSecret, RecoveryCodesList } from './TwoFactorParts';
import {
  cleanCode,
  completeSignIn,
  confirmEnrolmentAtSignIn,
  startEnrolmentAtSignIn,
  startSession,
  type Enrolment,
} from './twoFactor';

type EnrolledSession = components['schemas']['EnrolledSession'];

function ErrorBanner({ error }: { error: string | null }) {
  return error ? (
    <div className="banner banner-error" role="alert">
      {error}
    </div>
  ) : null;
}

/** Second step of signing in: a code of the authenticator app, or a recovery code. */
export function CodeStep({ challenge, onRestart }: { challenge: string; onRestart: () => void }) {
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('code') ?? '');
    setBusy(true);
    setError(null);
    try {
      await completeSignIn(challenge, recovery ? { recoveryCode: value.trim() } : { code: cleanCode(value) });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <form className="login-step" onSubmit={submit} aria-labelledby="two-factor-title">
      <h1 id="two-factor-title">Two-factor authentication</h1>
      <ErrorBanner error={error} />
      <div className="field">
        <label htmlFor="two-factor-code">{recovery ? 'Recovery code' : 'Code from your authenticator app'}</label>
        <input
          key={recovery ? 'recovery' : 'code'}
          id="two-factor-code"
          name="code"
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          placeholder={recovery ? 'XXXXX-XXXXX' : '123456'}
          required
          autoFocus
        />
      </div>
      <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Verify'}
      </button>
      <button type="button" className="btn btn-ghost btn-block" onClick={() => setRecovery(!recovery)}>
        {recovery ? 'Use a code from the app instead' : 'Lost your phone? Use a recovery code'}
      </button>
      <button type="button" className="btn btn-ghost btn-block" onClick={onRestart}>
        Start over
      </button>
    </form>
  );
}

/** A role requires two-factor and the user has none yet: enrol now, then see the recovery codes once. */
export function EnrolStep({
  challenge,
  email,
  onRestart,
}: {
  challenge: string;
  email: string;
  onRestart: () => void;
}) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [session, setSession] = useState<EnrolledSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    startEnrolmentAtSignIn(challenge).then(
      (e) => live && setEnrolment(e),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [challenge]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = cleanCode(String(new FormData(event.currentTarget).get('code') ?? ''));
    setBusy(true);
    setError(null);
    try {
      setSession(await confirmEnrolmentAtSignIn(challenge, code));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (session) {
    return (
      <div className="login-step">
        <h1>Two-factor authentication is on</h1>
        <RecoveryCodesList codes={session.recoveryCodes} account={email} />
        <button className="btn btn-primary btn-block" type="button" onClick={() => startSession(session)}>
          Continue
        </button>
      </div>
    );
  }
  return (
    <form className="login-step" onSubmit={submit} aria-labelledby="enrol-title">
      <h1 id="enrol-title">Set up two-factor authentication</h1>
      <p>Your role requires two-factor authentication. Set it up to finish signing in.</p>
      <ErrorBanner error={error} />
      {enrolment && <EnrolmentSecret enrolment={enrolment} />}
      <div className="field">
        <label htmlFor="enrol-code">Code from your authenticator app</label>
        <input
          id="enrol-code"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          placeholder="123456"
          required
        />
      </div>
      <button className="btn btn-primary btn-block" type="submit" disabled={busy || !enrolment}>
        {busy ? 'Checking…' : 'Turn on and sign in'}
      </button>
      <button type="button" className="btn btn-ghost btn-block" onClick={onRestart}>
        Start over
      </button>
    </form>
  );
}
