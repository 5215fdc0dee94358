/** "a, b; c" → ['a', 'b', 'c'] (tags, emails, phones typed in one text field). */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function joinList(values: readonly string[] | null | undefined): string {
  return (values ?? []).join(', ');
}

/** '' → null for optional text fields. */
export function orNull(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
}

export const ORGANIZATION_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'] as const;
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'disqualified'] as const;
export const ACTIVITY_TYPES = ['call', 'meeting', 'email', 'note', 'task'] as const;

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
