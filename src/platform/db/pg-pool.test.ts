import { describe, expect, it } from 'vitest';
import { isTransientConnectError } from './pg-pool.js';

const withCode = (code: string, message = `failed with ${code}`) => Object.assign(new Error(message), { code });

describe('isTransientConnectError', () => {
  it.each([
    ['ECONNREFUSED', 'nothing listens yet'],
    ['ECONNRESET', 'the server dropped the connection'],
    ['ETIMEDOUT', 'the TCP connect timed out'],
    ['EPIPE', 'the socket closed while writing'],
    ['EAI_AGAIN', 'DNS is not answering yet'],
    ['57P03', 'cannot_connect_now (starting up / resuming)'],
    ['53300', 'too_many_connections'],
    ['08006', 'connection_failure'],
    ['08001', 'unable to establish a connection'],
  ])('retries code %s (%s)', (code) => {
    expect(isTransientConnectError(withCode(code))).toBe(true);
  });

  it.each([
    'timeout expired',
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'the database system is starting up',
    'the database system is shutting down',
    'FATAL: The Database System Is Starting Up',
  ])('retries an error without a code whose message says "%s"', (message) => {
    expect(isTransientConnectError(new Error(message))).toBe(true);
  });

  it('retries the AggregateError Node raises when every address refused', () => {
    const error = Object.assign(new AggregateError([withCode('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' });
    expect(isTransientConnectError(error)).toBe(true);
  });

  it.each([
    ['3D000', 'database "nope" does not exist'],
    ['28P01', 'password authentication failed for user "moms"'],
    ['28000', 'no pg_hba.conf entry for host'],
    ['42P01', 'relation "x" does not exist'],
    ['57014', 'canceling statement due to statement timeout'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND db.example'],
    ['ECONNREFUSEDX', 'not exactly a known code'],
  ])('does not retry code %s (%s)', (code, message) => {
    expect(isTransientConnectError(withCode(code, message))).toBe(false);
  });

  it('does not retry a plain error or a non-error value', () => {
    expect(isTransientConnectError(new Error('something else went wrong'))).toBe(false);
    expect(isTransientConnectError({ code: 'ECONNREFUSED', message: 'Connection terminated' })).toBe(false);
    expect(isTransientConnectError('ECONNREFUSED')).toBe(false);
    expect(isTransientConnectError(null)).toBe(false);
    expect(isTransientConnectError(undefined)).toBe(false);
  });

  it('ignores a code that is not a string', () => {
    expect(isTransientConnectError(Object.assign(new Error('odd'), { code: 57 }))).toBe(false);
  });
});
