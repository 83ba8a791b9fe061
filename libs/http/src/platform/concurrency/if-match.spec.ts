import { ValidationError } from '#core';
import { etagOf } from './etag.js';
import { expectedRevisionFrom, parseIfMatch } from './if-match.js';

describe('parseIfMatch', () => {
  it('is undefined without the header', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each([
    ['"0"', 0n],
    ['"7"', 7n],
    ['W/"12"', 12n],
    [' "9007199254740993" ', 9_007_199_254_740_993n],
  ])('reads %s as revision %s', (header, revision) => {
    expect(parseIfMatch(header)).toEqual({ kind: 'revision', revision });
  });

  it('reads * as any revision', () => {
    expect(parseIfMatch('*')).toEqual({ kind: 'any' });
  });

  it.each(['7', '"seven"', '"-1"', '"01"', '"1", "2"', 'W/7', '""', ''])('refuses %p with a 400 ValidationError', (header) => {
    expect(() => parseIfMatch(header)).toThrow(ValidationError);
  });

  it('refuses the header sent twice', () => {
    expect(() => parseIfMatch(['"1"', '"2"'])).toThrow(ValidationError);
  });

  it('names the header in the field errors', () => {
    expect.assertions(2);
    try {
      parseIfMatch('nonsense');
    } catch (error) {
      expect((error as ValidationError).errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
      expect((error as ValidationError).code).toBe('CONCURRENCY.INVALID_IF_MATCH');
    }
  });
});

describe('expectedRevisionFrom', () => {
  it('gives the pinned revision as a bigint', () => {
    expect(expectedRevisionFrom('"4"')).toBe(4n);
  });

  it('gives undefined for * and for no header (no pin)', () => {
    expect(expectedRevisionFrom('*')).toBeUndefined();
    expect(expectedRevisionFrom(undefined)).toBeUndefined();
  });
});

describe('etagOf', () => {
  it('quotes the revision as a strong tag that parseIfMatch reads back', () => {
    expect(etagOf(5n)).toBe('"5"');
    expect(expectedRevisionFrom(etagOf(5n))).toBe(5n);
  });
});
