import createClient from 'openapi-fetch';
import { unwrap } from '../api/client';
import type { components, paths } from '../api/schema';
import { startSession } from '../api/session';

export type TwoFactorChallenge = components['schemas']['TwoFactorChallenge'];
export type Enrolment = components['schemas']['TwoFactorEnrolment'];
export type TwoFactorStatus = components['schemas']['TwoFactorStatus'];

/** The public sign-in routes: no token, no refresh-and-retry on a 401 (a wrong code is a 401). */
const publicApi = createClient<paths>({ baseUrl: window.location.origin });

/** A code as people type it ("123 456") → six digits. */
export const cleanCode = (value: string) => value.replace(/\s+/g, '');

/** The second step: the challenge and a code or a recovery code → signed in. */
export async function completeSignIn(challenge: string, answer: { code: string } | { recoveryCode: string }) {
  const session = await unwrap(publicApi.POST('/api/v1/auth/login/two-factor', { body: { challenge, ...answer } }));
  startSession(session);
}

/** A role requires two-factor: a new secret to enrol with. */
export const startEnrolmentAtSignIn = (challenge: string) =>
  unwrap(publicApi.POST('/api/v1/auth/login/two-factor/enrolment', { body: { challenge } }));

/**
 * Confirms that enrolment. The session is returned, not started: the sign-in page first shows the
 * recovery codes (once), then starts it.
 */
export const confirmEnrolmentAtSignIn = (challenge: string, code: string) =>
  unwrap(publicApi.POST('/api/v1/auth/login/two-factor/enrolment/confirm', { body: { challenge, code } }));

export { startSession };

/** The recovery codes as a text file. */
export function downloadRecoveryCodes(codes: string[], account: string) {
  const text = `MOMS recovery codes for ${account}\nEach code works once. Keep them somewhere safe.\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'moms-recovery-codes.txt';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
