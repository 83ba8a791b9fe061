/**
 * The one JSON serializer for every response body (installed as Fastify's reply serializer).
 * Revisions and positions are bigint in the code; JSON.stringify throws on bigint, so they are
 * written as JSON numbers while they fit in a double exactly (|n| <= 2^53 - 1), and as decimal
 * strings beyond that rather than silently losing digits. Deterministic: the same value always
 * gives the same bytes, which idempotent replays rely on.
 */
export function serializeJson(payload: unknown): string {
  return JSON.stringify(payload, bigintAsJson) ?? 'null';
}

function bigintAsJson(_key: string, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value <= MAX_SAFE && value >= MIN_SAFE ? Number(value) : value.toString();
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
