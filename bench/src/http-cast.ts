import { Pool } from 'undici';
import { type Cast, type CommandSender, type Party } from './lifecycle.js';

export const BENCH_ADMIN_TOKEN = 'bench-bootstrap-admin-token-000001';

/** An HTTP client of the API: `connections` keep-alive connections, no pipelining. */
export function httpPool(baseUrl: string, connections: number): Pool {
  return new Pool(baseUrl, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
}

export async function postJson(pool: Pool, path: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const answer = await pool.request({
    method: 'POST',
    path,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await answer.body.text();
  if (answer.statusCode !== 200 && answer.statusCode !== 201) throw new Error(`POST ${path}: ${answer.statusCode} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The same cast as on the bus, registered over HTTP with the bootstrap admin token; commands sent as `POST /disputes…`. */
export async function getJson(pool: Pool, path: string, token: string): Promise<unknown> {
  const answer = await pool.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
  const text = await answer.body.text();
  if (answer.statusCode !== 200) throw new Error(`GET ${path}: ${answer.statusCode} ${text}`);
  return JSON.parse(text) as unknown;
}

export async function httpCast(
  pool: Pool,
  today: string,
  tag = 'bench',
): Promise<{ cast: Cast; sender: CommandSender; tokens: Readonly<Record<Party, string>> }> {
  const organisation = async (name: string, sector: string, type: string) =>
    String((await postJson(pool, '/organisations', BENCH_ADMIN_TOKEN, { name, sector, type }))['id']);
  const council = await organisation('Fenland District Council', 'statutory', 'district council');
  const charity = await organisation('Wisbech Food Bank', 'vcs', 'charity');
  const person = async (name: string, role: string, organisationId?: string) => {
    const body = { name, email: `${name.replaceAll(' ', '.')}@${tag}.invalid`, roles: [role], ...(organisationId ? { organisationId } : {}) };
    const answer = await postJson(pool, '/people', BENCH_ADMIN_TOKEN, body);
    return { id: String(answer['id']), token: String(answer['token']) };
  };
  const people: Record<Party, { id: string; token: string }> = {
    complainant: await person('Food bank officer', 'partner', charity),
    respondent: await person('Council officer', 'partner', council),
    chair: await person('CDG chair', 'chair'),
    secretariat: await person('Secretariat officer', 'secretariat'),
    mediator: await person('Mediator', 'mediator'),
  };
  const sender: CommandSender = {
    async raise(by, body) {
      return String((await postJson(pool, '/disputes', people[by].token, body))['id']);
    },
    async run(by, caseId, command, body) {
      await postJson(pool, `/disputes/${caseId}/${command}`, people[by].token, body);
    },
  };
  const tokens = Object.fromEntries(Object.entries(people).map(([party, p]) => [party, p.token])) as Record<Party, string>;
  return { cast: { council, charity, mediatorId: people.mediator.id, today }, sender, tokens };
}
