import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { isZodError, toAppError } from './problem.js';

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

describe('isZodError (no Zod import: docs/adr/0026)', () => {
  it('recognises what zod and zod/mini throw', () => {
    expect(isZodError(thrown(() => z.object({ a: z.string() }).parse({ a: 1 })))).toBe(true);
    expect(isZodError(z.string().safeParse(1).error)).toBe(true);
    expect(isZodError(thrown(() => zm.string().parse(1)))).toBe(true);
  });

  it('refuses look-alikes', () => {
    const named = Object.assign(new Error('x'), { name: 'ZodError' });
    expect(isZodError(named)).toBe(false); // no issues
    expect(isZodError({ name: 'ZodError', issues: [] })).toBe(false); // not an Error
    expect(isZodError(Object.assign(new Error('x'), { issues: [] }))).toBe(false); // another name
    expect(isZodError(undefined)).toBe(false);
  });

  it('turns a Zod error into a 422 naming each field', () => {
    const error = toAppError(thrown(() => z.strictObject({ a: z.string() }).parse({ a: 1, b: 2 })));
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation-failed');
    expect(error.errors).toEqual([
      { path: 'a', message: 'Invalid input: expected string, received number', code: 'invalid_type' },
      { path: 'b', message: 'Unknown field "b".', code: 'unknown_field' },
    ]);
  });
});
