import { useState, type FormEvent } from 'react';
import { ProblemError } from '../api/problem';
import type { components } from '../api/schema';
import { login } from '../api/session';
import { CodeStep, EnrolStep } from './TwoFactorSignIn';

type LoginResult = components['schemas']['LoginResult'];
type Step = { kind: 'password' } | { kind: 'code' | 'enrol'; challenge: string; email: string };

/**
 * Shown in place of any page while signed out; after signing in the same URL renders. With two-factor
 * authentication the password leads to a second step: a code, or (when a role requires it) enrolling.
 */
export function LoginPage({ expired }: { expired?: boolean }) {
  const [error, setError] = useState<string | null>(expired ? 'Your session ended. Sign in again.' : null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'password' });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '');
    setBusy(true);
    setError(null);
    try {
      const res = await login(email, String(data.get('password') ?? ''));
      if (!res.ok) setError((await ProblemError.fromResponse(res)).detail);
      else {
        const body = (await res.json()) as LoginResult;
        if ('twoFactorRequired' in body) {
          setStep({ kind: body.enrolmentRequired ? 'enrol' : 'code', challenge: body.challenge, email });
        }
      }
    } catch {
      setError('Could not reach the server. Check your connection.');
    } finally {
      setBusy(false);
    }
  }

  const restart = () => {
    setError(null);
    setStep({ kind: 'password' });
  };

  return (
    <main id="main" className="login">
      <div className="card login-card">
        <div className="brand brand-lg" aria-hidden="true">
          MOMS
        </div>
        {step.kind === 'code' && <CodeStep challenge={step.challenge} onRestart={restart} />}
        {step.kind === 'enrol' && <EnrolStep challenge={step.challenge} email={step.email} onRestart={restart} />}
        {step.kind === 'password' && (
          <form className="login-step" onSubmit={submit} aria-labelledby="login-title">
            <h1 id="login-title">Sign in</h1>
            {error && (
              <div className="banner banner-error" role="alert">
                {error}
              </div>
            )}
            <div className="field">
              <label htmlFor="login-email">Email</label>
              <input id="login-email" name="email" type="email" autoComplete="username" required autoFocus />
            </div>
            <div className="field">
              <label htmlFor="login-password">Password</label>
              <input id="login-password" name="password" type="password" autoComplete="current-password" required />
            </div>
            <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
