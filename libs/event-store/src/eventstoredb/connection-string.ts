/**
 * KurrentDB's documentation spells connection strings `kurrentdb://` (and `kurrentdb+discover://`,
 * `kurrent://`), but @eventstore/db-client parses only `esdb://` and `esdb+discover://`; the rest of
 * the syntax (hosts, credentials, `?tls=…`) is the same. So the adapter takes either spelling and
 * hands the client the one it knows.
 */
const SCHEMES: readonly (readonly [from: string, to: string])[] = [
  ['kurrentdb+discover://', 'esdb+discover://'],
  ['kurrent+discover://', 'esdb+discover://'],
  ['kurrentdb://', 'esdb://'],
  ['kurrent://', 'esdb://'],
  ['esdb+discover://', 'esdb+discover://'],
  ['esdb://', 'esdb://'],
];

export const CONNECTION_STRING_SCHEMES: readonly string[] = SCHEMES.map(([from]) => from);

export function clientConnectionString(connectionString: string): string {
  const trimmed = connectionString.trim();
  const lower = trimmed.toLowerCase();
  for (const [from, to] of SCHEMES) {
    if (lower.startsWith(from)) return `${to}${trimmed.slice(from.length)}`;
  }
  throw new Error(`An EventStoreDB/KurrentDB connection string starts with one of ${CONNECTION_STRING_SCHEMES.join(', ')}`);
}

/** The connection string with any password replaced, for logs. */
export function redactedConnectionString(connectionString: string): string {
  return connectionString.replace(/(:\/\/[^:@/]+:)[^@/]+@/, '$1***@');
}
