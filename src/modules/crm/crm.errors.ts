import { AppError } from '../../platform/errors/app-error.js';

/** The CRM module's error codes (the problem `type` ends with the code). */
export type CrmErrorCode =
  | 'duplicate-contact'
  | 'duplicate-organization'
  | 'owner-not-assignable'
  | 'not-an-active-user'
  | 'lead-not-qualified'
  | 'lead-already-converted'
  | 'opportunity-closed'
  | 'reason-required'
  | 'team-exists'
  | 'organization-cycle';

export const crmErrors = {
  duplicateContact: (existingId: string, email: string) =>
    new AppError('duplicate-contact', 409, 'Possible duplicate contact', {
      detail: `A contact with the email ${email} already exists. Use it, or send ?allowDuplicate=true to create another.`,
      extensions: { existingId, email },
    }),
  duplicateOrganization: (existingId: string, domain: string) =>
    new AppError('duplicate-organization', 409, 'Possible duplicate organization', {
      detail: `An organization with the domain ${domain} already exists. Use it, or send ?allowDuplicate=true to create another.`,
      extensions: { existingId, domain },
    }),
  ownerNotAssignable: (path: string, ownerId: string) =>
    new AppError('owner-not-assignable', 422, 'Owner not assignable', {
      detail: `You cannot give records to user ${ownerId}: only to yourself or to members of teams you manage.`,
      errors: [{ path, message: 'Not yourself or a member of a team you manage.', code: 'owner_not_assignable' }],
    }),
  notAnActiveUser: (users: { userId: string; path: string }[]) =>
    new AppError('not-an-active-user', 422, 'Not an active user', {
      detail: `No active MOMS user ${users.map((u) => u.userId).join(', ')}: records and teams need active users.`,
      errors: users.map((u) => ({ path: u.path, message: 'Not an active user.', code: 'not_an_active_user' })),
    }),
  leadNotQualified: (status: string) =>
    new AppError('lead-not-qualified', 409, 'Lead not qualified', {
      detail: `Only a qualified lead can be converted; this one is ${status}.`,
    }),
  leadAlreadyConverted: (contactId: string | null) =>
    new AppError('lead-already-converted', 409, 'Lead already converted', {
      detail: 'This lead was already converted.',
      extensions: { contactId },
    }),
  convertedLeadNotDeletable: (contactId: string | null) =>
    new AppError('lead-already-converted', 409, 'Lead already converted', {
      detail: 'A converted lead cannot be deleted: it records where its contact and organization came from.',
      extensions: { contactId },
    }),
  opportunityClosed: (status: string) =>
    new AppError('opportunity-closed', 409, 'Opportunity closed', {
      detail: `The opportunity is ${status}; move it back to an open stage first.`,
    }),
  reasonRequired: (path: string, what: string) =>
    new AppError('reason-required', 422, 'Reason required', {
      detail: `Say why (${what}).`,
      errors: [{ path, message: 'Required.', code: 'required' }],
    }),
  teamExists: (name: string) =>
    new AppError('team-exists', 409, 'Team exists', { detail: `A team named "${name}" already exists.` }),
  organizationCycle: () =>
    new AppError('organization-cycle', 422, 'Organization cycle', {
      detail: 'An organization cannot be its own parent, directly or through others.',
      errors: [{ path: 'parentId', message: 'Would make a cycle.', code: 'cycle' }],
    }),
} satisfies Record<string, (...args: never[]) => AppError<CrmErrorCode>>;
