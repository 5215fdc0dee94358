import type { CollectorKey } from '../compliance.module.js';

/** The evidence collectors, as users see them (collectors.ts runs them). */
export interface CollectorInfo {
  key: CollectorKey;
  title: string;
  description: string;
  /** A run older than this is stale (the schedule runs daily; two hours of leeway). */
  maxAgeHours: number;
}

export const COLLECTOR_CATALOG: readonly CollectorInfo[] = [
  {
    key: 'audit-log-chain',
    title: 'Audit-log chain verification',
    description:
      'Walks the tamper-evident audit log (`npm run audit:verify`): fails when a record was altered, removed or re-linked.',
    maxAgeHours: 26,
  },
  {
    key: 'access-review',
    title: 'Access review',
    description: 'Every user with their roles, the permissions those grant, status and last sign-in.',
    maxAgeHours: 26,
  },
  {
    key: 'privileged-accounts',
    title: 'Privileged accounts',
    description: 'Active users holding `*`, a module wildcard or an administrative permission.',
    maxAgeHours: 26,
  },
  {
    key: 'access-changes',
    title: 'Changes to access',
    description:
      'Every change to roles, role assignments, users and two-factor settings since the previous run (first run: 30 days), from the audit log.',
    maxAgeHours: 26,
  },
  {
    key: 'terminated-active',
    title: 'Accounts of terminated employees',
    description: 'Fails when an employee HR has terminated still has an active user account.',
    maxAgeHours: 26,
  },
  {
    key: 'finance-periods',
    title: 'Closed finance periods and lock date',
    description:
      'Every fiscal year and period with its status and closing time, the lock date (closed through), and period closings and reopenings from the audit log; fails when an entry was posted into a period after it closed.',
    maxAgeHours: 26,
  },
  {
    key: 'posted-entries-unchanged',
    title: 'Posted entries unchanged',
    description:
      'Fails when a posted journal entry changed after posting: its database guards missing or disabled, an update or delete after posting in the audit log, or an entry no longer as posting left it.',
    maxAgeHours: 26,
  },
  {
    key: 'password-policy',
    title: 'Password and lockout policy',
    description:
      'The password rules, hashing, sign-in throttling, session lifetimes and two-factor requirements in force; fails below the baseline (12 characters, throttling after at most 10 failures, tokens of at most 1 h, sessions of at most 90 days).',
    maxAgeHours: 26,
  },
];

export const collectorInfo = (key: string): CollectorInfo | undefined => COLLECTOR_CATALOG.find((c) => c.key === key);
