import { ValidationError } from '#core';
import { parseIdempotencyKey } from './idempotency-key.js';
import { canonicalJson, requestFingerprint } from './request-fingerprint.js';

describe('requestFingerprint', () => {
  it('does not depend on the order of keys in the body', () => {
    expect(requestFingerprint('POST', '/disputes', { a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      requestFingerprint('post', '/disputes', { b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it('changes with the method, the path or the body', () => {
    const base = requestFingerprint('POST', '/disputes', { a: 1 });
    expect(requestFingerprint('PUT', '/disputes', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/disputes/x/withdraw', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/disputes', { a: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/disputes', [{ a: 1 }])).not.toBe(base);
  });

  it('is a SHA-256 hex digest', () => {
    expect(requestFingerprint('POST', '/', undefined)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [true, null] } })).toBe('{"a":{"c":[true,null]},"b":1}');
  });
});

describe('parseIdempotencyKey', () => {
  it('accepts 1 to 200 visible characters', () => {
    expect(parseIdempotencyKey('k')).toBe('k');
    expect(parseIdempotencyKey('x'.repeat(200))).toBe('x'.repeat(200));
    expect(parseIdempotencyKey('6f1c0a2e-1c3b-4c8e-9d7a-0a5b2b7c9e11')).toBe('6f1c0a2e-1c3b-4c8e-9d7a-0a5b2b7c9e11');
  });

  it('is undefined when absent', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each(['', 'x'.repeat(201), 'has space', 'tab\there', 'naïve'])('refuses %p', (key) => {
    expect(() => parseIdempotencyKey(key)).toThrow(ValidationError);
  });

  it('refuses the header sent twice', () => {
    expect(() => parseIdempotencyKey(['a', 'b'])).toThrow(ValidationError);
  });
});
