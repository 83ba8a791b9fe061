import { BOOTSTRAP_ADMIN, digestMatches, isBootstrapToken, secretDigest, tokenDigest } from './bootstrap-admin.js';
import { bearerTokenFrom } from './bearer-token.js';

describe('bearerTokenFrom', () => {
  it.each([
    ['Bearer abc.def-123', 'abc.def-123'],
    ['bearer abc', 'abc'],
    ['BEARER  abc ', 'abc'],
  ])('reads %p', (header, token) => {
    expect(bearerTokenFrom(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer two words', 'Token abc'])('refuses %p', (header) => {
    expect(bearerTokenFrom(header)).toBeNull();
  });
});

describe('isBootstrapToken', () => {
  const secret = 'a-bootstrap-secret-0001';

  it('accepts exactly the configured secret', () => {
    expect(isBootstrapToken(secret, secret)).toBe(true);
  });

  it('refuses anything else, prefixes and extensions included', () => {
    expect(isBootstrapToken('a-bootstrap-secret-000', secret)).toBe(false);
    expect(isBootstrapToken(`${secret}1`, secret)).toBe(false);
  });

  it('refuses everything when no secret is configured', () => {
    expect(isBootstrapToken('', null)).toBe(false);
  });

  it('stands for an admin with no person record', () => {
    expect(BOOTSTRAP_ADMIN).toEqual({
      personId: 'bootstrap-admin',
      name: 'Bootstrap administrator',
      roles: ['admin'],
      organisationId: null,
      bootstrap: true,
    });
  });
});

describe('digestMatches', () => {
  const secret = 'a-bootstrap-secret-0001';

  it('matches a token hashed once with each configured secret as matchesSecret would', () => {
    const digest = tokenDigest(secret);
    expect(digestMatches(digest, secretDigest(secret))).toBe(true);
    expect(digestMatches(digest, secretDigest('another-secret-00001'))).toBe(false);
    expect(digestMatches(tokenDigest(`${secret}1`), secretDigest(secret))).toBe(false);
    expect(digestMatches(digest, secretDigest(null))).toBe(false);
  });

  it('is the SHA-256 of the token text', () => {
    expect(tokenDigest('abc').toString('latin1')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
