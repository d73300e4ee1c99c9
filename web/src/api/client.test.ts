import { describe, expect, it } from 'vitest';
import { ApiError, encodeForm, unwrapEnvelope } from './client';

describe('encodeForm', () => {
  it('encodes like qs with arrayFormat=repeat: null as empty, arrays repeated, objects as JSON', () => {
    const params = encodeForm({ a: 1, b: null, c: undefined, d: ['x', 'y'], e: { k: 'v' }, f: 'a b&c' });
    expect(params.toString()).toBe('a=1&b=&d=x&d=y&e=%7B%22k%22%3A%22v%22%7D&f=a+b%26c');
  });
});

describe('unwrapEnvelope', () => {
  it('returns data on code 0 and throws ApiError with the server message otherwise', () => {
    expect(unwrapEnvelope({ code: 0, msg: 'success', data: { x: 1 } })).toEqual({ x: 1 });
    expect(() => unwrapEnvelope({ code: 10013, msg: 'user name or password error' })).toThrow(ApiError);
    try {
      unwrapEnvelope({ code: 10013, msg: 'user name or password error' });
    } catch (error) {
      expect((error as ApiError).code).toBe(10013);
      expect((error as ApiError).message).toBe('user name or password error');
    }
  });

  it('passes bodies without an envelope through (raw exports)', () => {
    expect(unwrapEnvelope([{ processDefinition: {} }])).toEqual([{ processDefinition: {} }]);
  });
});
