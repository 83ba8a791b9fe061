import { ValidationError } from '#core';
import { assertBodyShape, BODY_SHAPE_LIMITS } from './body-shape.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};
const fields = (n: number): Record<string, number> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
const codeOf = (body: unknown): string | null => {
  try {
    assertBodyShape(body);
    return null;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.code;
  }
};

describe('assertBodyShape', () => {
  it('lets every body our commands take through, at the largest they may be', () => {
    const action = { description: 'd', ownerId: 'o', dueDate: '2026-05-01', clause: '3.2' };
    expect(codeOf({ terms: 't', actions: Array(50).fill(action) })).toBeNull();
    expect(codeOf({ respondentIds: Array(20).fill('o'), clauses: Array(20).fill('3.2'), summary: 's', details: 'd', desiredOutcome: 'o', urgent: false, dates: { noticeReceived: '2026-01-01', changeEffective: '2026-02-01' } })).toBeNull();
    expect(codeOf(nested(BODY_SHAPE_LIMITS.depth))).toBeNull();
    expect(codeOf(fields(BODY_SHAPE_LIMITS.fields))).toBeNull();
    expect(codeOf(undefined)).toBeNull();
  });

  it('refuses a body nested deeper than the limit, however deep, without overflowing the stack', () => {
    expect(codeOf(nested(BODY_SHAPE_LIMITS.depth + 1))).toBe('REQUEST.TOO_DEEPLY_NESTED');
    expect(codeOf(nested(200_000))).toBe('REQUEST.TOO_DEEPLY_NESTED');
  });

  it('refuses an object with more fields than the limit, at the top or inside, naming where', () => {
    expect(codeOf({ ...fields(80_000), text: 'x' })).toBe('REQUEST.TOO_MANY_FIELDS');
    expect(() => assertBodyShape({ text: 'x', dates: fields(51) })).toThrow(
      expect.objectContaining({ code: 'REQUEST.TOO_MANY_FIELDS', errors: [{ field: 'dates', message: 'has an object of more than 50 fields' }] }),
    );
  });

  it('refuses a list longer than the limit, naming it', () => {
    expect(() => assertBodyShape({ terms: 't', actions: Array(101).fill(1) })).toThrow(
      expect.objectContaining({ code: 'REQUEST.LIST_TOO_LONG', errors: [{ field: 'actions', message: 'has a list of more than 100 items' }] }),
    );
    expect(codeOf(Array(1_000_000).fill(0))).toBe('REQUEST.LIST_TOO_LONG');
  });

  it('refuses a body whose lists and objects, each within bounds, hold too many values in all', () => {
    const wide = { a: Array(100).fill(fields(40)) };
    expect(codeOf(wide)).toBe('REQUEST.TOO_MANY_VALUES');
  });
});
