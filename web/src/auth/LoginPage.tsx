import { useState, type FormEvent } from 'react';
import { ProblemError } from '../api/problem';
import { login } from '../api/session';

/** Shown in place of any page while signed out; after signing in the same URL renders. */
export function LoginPage({ expired }: { expired?: boolean }) {
  const [error, setError] = useState<string | null>(expired ? 'Your session ended. Sign in again.' : null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await login(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
      if (!res.ok) setError((await ProblemError.fromResponse(res)).detail);
    } catch {
      setError('Could not reach the server. Check your connection.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-lg" aria-hidden="true">
          MOMS
        </div>
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
    </main>
  );
}
