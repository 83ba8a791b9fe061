import { createHash } from 'node:crypto';

/**
 * SHA-256 over the canonical request: method, path with query, and the body as canonical JSON
 * (keys sorted), so the same request spelt with its keys in another order is still the same.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson([method.toUpperCase(), url, body ?? null]))
    .digest('hex');
}

/** Deterministic JSON: object keys in code-point order, undefined members left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}
