import { plain, writeOptions } from './write-context.js';

class Action {
  description = 'Publish the referral criteria';
  dueDate = '2026-02-01';
  notSent?: string = undefined;
}

class Body {
  summary = 'Late referral';
  count = 3;
  urgent = false;
  notSent?: string = undefined;
  nothing = null;
  actions = [new Action(), new Action()];
  nested = { inner: new Action(), list: [1, 'two', null, undefined, () => 0] };
}

/** What `plain` must equal: the JSON text round trip it replaces. */
const viaText = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('plain', () => {
  it('gives exactly what the JSON text round trip gives', () => {
    const body = new Body();
    expect(plain(body)).toStrictEqual(viaText(body));
  });

  it('leaves no class prototypes and no undefined members behind', () => {
    const copy = plain(new Body()) as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getPrototypeOf((copy['actions'] as object[])[0])).toBe(Object.prototype);
    expect(Object.hasOwn(copy, 'notSent')).toBe(false);
    expect(Object.keys(copy)).toEqual(['summary', 'count', 'urgent', 'nothing', 'actions', 'nested']);
  });

  it('is a copy: changing it leaves the DTO as it was', () => {
    const body = new Body();
    const copy = plain(body);
    copy.actions[0]!.description = 'changed';
    expect(body.actions[0]!.description).toBe('Publish the referral criteria');
  });

  it('writes numbers as JSON does: -0 as 0, NaN and Infinity as null', () => {
    const numbers = { zero: -0, nan: Number.NaN, inf: Number.POSITIVE_INFINITY, list: [-0, Number.NaN] };
    const copy = plain(numbers);
    expect(copy).toStrictEqual(viaText(numbers));
    expect(Object.is(copy.zero, 0)).toBe(true);
  });

  it('keeps a "__proto__" member as a member, as JSON.parse does', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const copy = plain(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });

  it('uses toJSON where a value has one, and refuses a bigint as JSON.stringify does', () => {
    const withDate = { at: new Date('2026-01-02T03:04:05.000Z') };
    expect(plain(withDate)).toStrictEqual(viaText(withDate));
    expect(() => plain({ revision: 1n })).toThrow(TypeError);
  });
});

describe('writeOptions', () => {
  it('leaves out what was not sent, and keeps the order of what was', () => {
    expect(writeOptions({})).toStrictEqual({});
    const all = writeOptions({ onBehalfOf: { organisationId: 'org-1', reason: 'By phone' }, correlationId: 'c-1', idempotencyKey: 'k-1', expectedRevision: 2n });
    expect(all).toStrictEqual({ expectedRevision: 2n, idempotencyKey: 'k-1', correlationId: 'c-1', onBehalfOf: { organisationId: 'org-1', reason: 'By phone' } });
    expect(Object.keys(all)).toEqual(['expectedRevision', 'idempotencyKey', 'correlationId', 'onBehalfOf']);
    expect(Object.keys(writeOptions({ expectedRevision: undefined, correlationId: 'c-2' }))).toEqual(['correlationId']);
  });
});
