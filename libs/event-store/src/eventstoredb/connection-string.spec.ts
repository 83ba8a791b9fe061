import { EventStoreDBClient } from '@eventstore/db-client';
import { clientConnectionString, redactedConnectionString } from './connection-string.js';

describe('connection strings', () => {
  it('the client itself refuses the kurrentdb:// scheme KurrentDB documents (the one incompatibility found)', () => {
    expect(() => EventStoreDBClient.connectionString('kurrentdb://localhost:2113?tls=false')).toThrow(/expected esdb:\/\/ or esdb\+discover:\/\//);
  });

  it.each([
    ['kurrentdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['kurrentdb+discover://admin:changeit@cluster.example:2113', 'esdb+discover://admin:changeit@cluster.example:2113'],
    ['kurrent://a:2111,b:2112,c:2113?tls=true', 'esdb://a:2111,b:2112,c:2113?tls=true'],
    ['KurrentDB://localhost:2113', 'esdb://localhost:2113'],
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    [' esdb+discover://cluster:2113 ', 'esdb+discover://cluster:2113'],
  ])('hands the client %s as %s, which it accepts', async (given, expected) => {
    const rewritten = clientConnectionString(given);
    expect(rewritten).toBe(expected);
    // Building a client parses the string and connects lazily: nothing goes on the network here.
    await EventStoreDBClient.connectionString(rewritten).dispose();
  });

  it('refuses anything else, naming the schemes', () => {
    expect(() => clientConnectionString('http://localhost:2113')).toThrow(/kurrentdb:\/\/.*esdb:\/\//);
  });

  it('the client ignores tlsVerifyCert=false, which KurrentDB documents for self-signed clusters: trust the CA with tlsCAFile instead', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      await EventStoreDBClient.connectionString(clientConnectionString('kurrentdb://a:2113?tls=true&tlsVerifyCert=false')).dispose();
    } finally {
      console.warn = warn;
    }
    expect(warnings.join('\n')).toContain('"tlsVerifyCert" is not currently supported by this client');
  });

  it('redacts the password for logs', () => {
    expect(redactedConnectionString('esdb://admin:s3cret@node1:2113,node2:2113?tls=true')).toBe('esdb://admin:***@node1:2113,node2:2113?tls=true');
    expect(redactedConnectionString('esdb://node1:2113')).toBe('esdb://node1:2113');
  });
});
