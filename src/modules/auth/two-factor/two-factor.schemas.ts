import { z } from '@hono/zod-openapi';
import { Session } from '../auth.schemas.js';

const code = z
  .string()
  .regex(/^\d{6}$/, 'Six digits, from your authenticator app.')
  .openapi({ example: '123456', description: 'The current code of the authenticator app' });
const recoveryCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{7,22}$/, 'A recovery code looks like ABCDE-FGHJK.')
  .openapi({ example: 'ABCDE-FGHJK', description: 'One of the recovery codes (each works once)' });
const challenge = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'Not a sign-in challenge.')
  .openapi({ description: 'The challenge that POST /login returned' });

/** `code` or `recoveryCode`, exactly one. */
const oneOfCodes = <T extends { code?: string | undefined; recoveryCode?: string | undefined }>(
  value: T,
  ctx: z.RefinementCtx,
) => {
  if ((value.code === undefined) === (value.recoveryCode === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['code'], message: 'Give either a code or a recovery code.' });
  }
};

export const TwoFactorChallenge = z
  .object({
    twoFactorRequired: z.literal(true),
    enrolmentRequired: z.boolean().openapi({
      description:
        'True when a role of the user requires two-factor authentication and the user has not enrolled: enrol with /login/two-factor/enrolment, then confirm',
    }),
    challenge: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('TwoFactorChallenge');

export const LoginResult = z.union([Session, TwoFactorChallenge]).openapi('LoginResult', {
  description: 'Tokens, or (with two-factor authentication) a challenge for the second step',
});

export const TwoFactorLoginBody = z
  .strictObject({ challenge, code: code.optional(), recoveryCode: recoveryCode.optional() })
  .superRefine(oneOfCodes)
  .openapi('TwoFactorLoginRequest');
export const ChallengeBody = z.strictObject({ challenge }).openapi('TwoFactorChallengeRequest');
export const ChallengeCodeBody = z.strictObject({ challenge, code }).openapi('TwoFactorEnrolmentConfirmRequest');

export const Enrolment = z
  .object({
    secret: z.string().openapi({ description: 'The TOTP secret, base32 (to type into an authenticator app)' }),
    uri: z.string().openapi({ description: 'The otpauth:// URI (for a QR code)' }),
    issuer: z.string(),
    account: z.string(),
    algorithm: z.literal('SHA1'),
    digits: z.literal(6),
    period: z.literal(30),
  })
  .openapi('TwoFactorEnrolment');

export const RecoveryCodes = z
  .object({
    recoveryCodes: z.array(z.string()).openapi({ description: 'Shown once: only their hashes are kept' }),
  })
  .openapi('RecoveryCodes');

export const EnrolledSession = Session.extend({ recoveryCodes: z.array(z.string()) }).openapi('EnrolledSession');

export const CodeBody = z.strictObject({ code }).openapi('TwoFactorCodeRequest');
export const DisableTwoFactorBody = z
  .strictObject({
    password: z.string().min(1).max(200),
    code: code.optional(),
    recoveryCode: recoveryCode.optional(),
  })
  .superRefine(oneOfCodes)
  .openapi('DisableTwoFactorRequest');

export const TwoFactorStatus = z
  .object({
    enabled: z.boolean(),
    enabledAt: z.iso.datetime().nullable(),
    recoveryCodesLeft: z.number().int(),
    requiredBy: z.array(z.string()).openapi({ description: 'The user’s roles that require two-factor authentication' }),
  })
  .openapi('TwoFactorStatus');

export type TwoFactorStatusDto = z.input<typeof TwoFactorStatus>;
