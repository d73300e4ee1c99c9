// Minimal assertions on top of node:assert for readable test code.
import assert from 'node:assert/strict';

export const expect = {
  equal: (actual, expected, message) => assert.equal(actual, expected, message),
  ok: (value, message) => assert.ok(value, message),
  match: (text, pattern, message) => assert.match(text, pattern, message),
  includes: (text, part, message) => assert.ok(String(text).includes(part), message ?? `expected ${JSON.stringify(text)} to include ${JSON.stringify(part)}`),
};
