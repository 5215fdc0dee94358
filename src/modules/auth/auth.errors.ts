import { AppError } from '../../platform/errors/app-error.js';

/** The auth module's error codes (the problem `type` ends with the code). */
export type AuthErrorCode =
  | 'invalid-credentials'
  | 'sign-in-throttled'
  | 'password-change-throttled'
  | 'invalid-refresh-token'
  | 'refresh-token-reused'
  | 'email-taken'
  | 'last-administrator'
  | 'cannot-deactivate-self'
  | 'unknown-role'
  | 'builtin-role'
  | 'role-in-use'
  | 'role-exists'
  | 'wrong-password'
  | 'invalid-two-factor-code'
  | 'invalid-challenge'
  | 'two-factor-enabled'
  | 'two-factor-not-enabled'
  | 'two-factor-required'
  | 'two-factor-throttled';

const waitText = (seconds: number) => (seconds < 120 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`);

export const authErrors = {
  invalidCredentials: () =>
    new AppError('invalid-credentials', 401, 'Invalid credentials', {
      detail: 'The email or password is not correct, or the account is deactivated.',
    }),
  /** The same for every email, known or not: it must not tell which accounts exist. */
  signInThrottled: (retryAfterSeconds: number) =>
    new AppError('sign-in-throttled', 429, 'Too many failed sign-ins', {
      detail: `Too many failed sign-ins from your network. Try again in ${waitText(retryAfterSeconds)}, or ask an administrator to reset the password.`,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  passwordChangeThrottled: (retryAfterSeconds: number) =>
    new AppError('password-change-throttled', 429, 'Too many wrong passwords', {
      detail: `Too many wrong current passwords: you have been signed out everywhere. Sign in again, and try again in ${waitText(retryAfterSeconds)}.`,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  invalidRefreshToken: () =>
    new AppError('invalid-refresh-token', 401, 'Invalid refresh token', {
      detail: 'The refresh token is not valid or has expired. Sign in again.',
    }),
  refreshTokenReused: () =>
    new AppError('refresh-token-reused', 401, 'Refresh token reused', {
      detail:
        'This refresh token was already used. Every session that came from it has been signed out. Sign in again.',
    }),
  emailTaken: (email: string) =>
    new AppError('email-taken', 409, 'Email already in use', {
      detail: `A user with the email ${email} already exists.`,
    }),
  lastAdministrator: () =>
    new AppError('last-administrator', 409, 'Last administrator', {
      detail: 'This would leave MOMS without an active administrator. Make someone else an administrator first.',
    }),
  cannotDeactivateSelf: () =>
    new AppError('cannot-deactivate-self', 409, 'Cannot deactivate yourself', {
      detail: 'You cannot deactivate your own account.',
    }),
  unknownRoles: (roles: string[]) =>
    new AppError('unknown-role', 422, 'Unknown role', {
      detail: `No such role: ${roles.join(', ')}.`,
      errors: roles.map((r) => ({ path: 'roles', message: `No role named "${r}".`, code: 'unknown_role' })),
    }),
  builtinRole: (name: string) =>
    new AppError('builtin-role', 409, 'Built-in role', {
      detail: `The built-in role "${name}" cannot be changed or deleted this way.`,
    }),
  roleInUse: (name: string, users: number) =>
    new AppError('role-in-use', 409, 'Role in use', {
      detail: `The role "${name}" is assigned to ${users} user(s). Remove it from them first.`,
    }),
  roleExists: (name: string) =>
    new AppError('role-exists', 409, 'Role exists', { detail: `A role named "${name}" already exists.` }),
  wrongPassword: (path: 'currentPassword' | 'password' = 'currentPassword') =>
    new AppError('wrong-password', 422, 'Wrong password', {
      detail: 'The current password is not correct.',
      errors: [{ path, message: 'Not your current password.', code: 'wrong_password' }],
    }),
  /** A wrong, reused or malformed TOTP or recovery code (at sign-in: counted like a wrong password). */
  invalidTwoFactorCode: (status: 401 | 422, path: 'code' | 'recoveryCode' = 'code') =>
    new AppError('invalid-two-factor-code', status, 'Invalid code', {
      detail:
        path === 'code'
          ? 'The code is not valid. Use the current code of your authenticator app (each code works once).'
          : 'The recovery code is not valid or was already used.',
      errors: [{ path, message: 'Not a valid code.', code: 'invalid_code' }],
    }),
  invalidChallenge: () =>
    new AppError('invalid-challenge', 401, 'Sign-in expired', {
      detail: 'This sign-in is no longer valid (it lasts 5 minutes). Sign in again with your email and password.',
    }),
  twoFactorEnabled: () =>
    new AppError('two-factor-enabled', 409, 'Two-factor authentication is on', {
      detail: 'Two-factor authentication is already on. Turn it off first to enrol a new authenticator.',
    }),
  twoFactorNotEnabled: () =>
    new AppError('two-factor-not-enabled', 409, 'Two-factor authentication is off', {
      detail: 'Two-factor authentication is not on for this account.',
    }),
  twoFactorRequired: (roles: string[]) =>
    new AppError('two-factor-required', 409, 'Two-factor authentication required', {
      detail: `Your role(s) ${roles.join(', ')} require two-factor authentication: it cannot be turned off. An administrator can reset it (e.g. for a new phone).`,
    }),
  twoFactorThrottled: (retryAfterSeconds: number) =>
    new AppError('two-factor-throttled', 429, 'Too many wrong codes', {
      detail: `Too many wrong codes or passwords. Try again in ${waitText(retryAfterSeconds)}.`,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
} satisfies Record<string, (...args: never[]) => AppError<AuthErrorCode>>;
