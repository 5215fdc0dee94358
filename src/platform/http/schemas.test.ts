import { describe, expect, it } from 'vitest';
import { isoDate, isoDateTime, isoMonth } from './schemas.js';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : (result.error?.issues.map((i) => i.message) ?? []);

describe('the kit’s dates', () => {
  it('isoDate: a real date from 1900-01-01 to 9999-12-31, one message per problem', () => {
    for (const ok of ['1900-01-01', '2024-02-29', '9999-12-31'])
      expect(messages(isoDate.safeParse(ok)), ok).toEqual([]);
    expect(messages(isoDate.safeParse('0000-01-01'))).toEqual(['A date between 1900-01-01 and 9999-12-31.']);
    expect(messages(isoDate.safeParse('1899-12-31'))).toEqual(['A date between 1900-01-01 and 9999-12-31.']);
    for (const bad of ['2026-02-30', '2023-02-29', '99999-01-01', '-001-01-01', 'infinity', '2026-1-1'])
      expect(messages(isoDate.safeParse(bad)), bad).toEqual(['A date as YYYY-MM-DD.']);
  });

  it('isoDateTime: ISO 8601 with an offset, its date in the same range', () => {
    for (const ok of ['2026-11-30T09:30:00Z', '2026-11-30T09:30:00.123456+01:00', '9999-12-31T23:59:59+14:00'])
      expect(messages(isoDateTime.safeParse(ok)), ok).toEqual([]);
    expect(messages(isoDateTime.safeParse('0000-01-01T00:00:00Z'))).toEqual([
      'A date between 1900-01-01 and 9999-12-31.',
    ]);
    for (const bad of ['2026-02-30T10:00:00Z', '2026-11-30', '2026-11-30T25:00:00Z'])
      expect(messages(isoDateTime.safeParse(bad)), bad).toHaveLength(1);
  });

  it('isoMonth: YYYY-MM from 1900-01 to 9999-12', () => {
    const month = isoMonth();
    for (const ok of ['1900-01', '2027-12', '9999-12']) expect(messages(month.safeParse(ok)), ok).toEqual([]);
    expect(messages(month.safeParse('0000-01'))).toEqual(['A month between 1900-01 and 9999-12.']);
    for (const bad of ['2027-13', '2027-1', '99999-01'])
      expect(messages(month.safeParse(bad)), bad).toEqual(['A month as YYYY-MM.']);
  });
});
