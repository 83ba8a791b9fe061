import fc from 'fast-check';

/** What attackers paste into fields: SQL, script, template, path and NoSQL injection, and worse. */
export const INJECTIONS = [
  "' OR '1'='1' --",
  "'; DROP TABLE events; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${jndi:ldap://example.org/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '\u0000',
  '\r\nX-Injected: 1',
  '\u202e\u0000\ufeff',
  '𝕳𝖊𝖑𝖑𝖔 🏴‍☠️ ﷽',
  'A'.repeat(10_001),
  '$where',
  '1e400',
  '-0',
  'NaN',
  'null',
];

/** Keys that poison prototypes or lookups when code copies them carelessly. */
export const POISON_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$gt', '$where', '', ' '];

/** A JSON value kept as text-to-be, so that keys like `__proto__` survive (an object literal would swallow them). */
export type Json = null | boolean | number | string | { readonly array: Json[] } | { readonly entries: [string, Json][] };

export function jsonText(value: Json): string {
  if (value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? '1e400' : JSON.stringify(value);
  if ('array' in value) return `[${value.array.map(jsonText).join(',')}]`;
  return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
}

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...INJECTIONS),
  fc.uuid(),
);

const key: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(...POISON_KEYS) });

/** Any JSON, a few levels deep, with hostile strings and keys and awkward numbers. */
export const hostileJson: fc.Arbitrary<Json> = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308, Number.POSITIVE_INFINITY)),
    hostileString,
    fc.array(tie('json'), { maxLength: 4 }).map((array) => ({ array })),
    fc.array(fc.tuple(key, tie('json')), { maxLength: 5 }).map((entries) => ({ entries })),
  ),
})).json;

/** Bodies no parser should choke on: deep, wide, long, or not JSON at all. */
export const pathologicalBody: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 9, max: 5_000 }).map((depth) => `{"text":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.integer({ min: 9, max: 2_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 51, max: 5_000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`),
  fc.integer({ min: 101, max: 3_000 }).map((n) => `{"actions":[${Array(n).fill('{}').join(',')}]}`),
  fc.constantFrom('', '{', '{"text": "x",}', "{'text': 'x'}", 'null', '[]', '"text"', '0', '{"text":"x"} trailing', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}'),
  fc.constant(`{"text":"${'x'.repeat(300_000)}"}`),
);

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/merge-patch+json',
  'application/octet-stream',
];
