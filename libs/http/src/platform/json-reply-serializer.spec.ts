import { serializeJson } from './json-reply-serializer.js';

describe('serializeJson', () => {
  it('writes bigints that fit a double exactly as JSON numbers', () => {
    expect(serializeJson({ revision: 3n, position: 9_007_199_254_740_991n, below: -9_007_199_254_740_991n })).toBe(
      '{"revision":3,"position":9007199254740991,"below":-9007199254740991}',
    );
  });

  it('writes bigints beyond 2^53 - 1 as decimal strings instead of losing digits', () => {
    expect(serializeJson({ position: 9_007_199_254_740_992n, huge: 2n ** 64n })).toBe('{"position":"9007199254740992","huge":"18446744073709551616"}');
  });

  it('reaches bigints nested in arrays and objects', () => {
    expect(serializeJson([{ events: [{ revision: 0n }] }])).toBe('[{"events":[{"revision":0}]}]');
  });

  it('is stable through a parse round trip, which replays rely on', () => {
    const body = { id: 'a', revision: 2n, position: 2n ** 60n, nested: { list: [1, 'two', null] } };
    expect(serializeJson(JSON.parse(serializeJson(body)))).toBe(serializeJson(body));
  });

  it('writes undefined as null rather than nothing', () => {
    expect(serializeJson(undefined)).toBe('null');
  });
});
