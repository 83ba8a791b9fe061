import { api, type ApiClient, type ApiResponse } from '../../support/api-client.js';
import { raiseBody } from '../../e2e/support/e2e-world.js';
import { PROCESS_ADMIN_TOKEN } from './server-process.js';

/** A Monday in term time, well clear of bank holidays (as the e2e suites use). */
export const PROCESS_START = '2026-03-02T10:00:00.000Z';

/** The people a fault suite sends commands as: tokens survive restarts, base URLs do not. */
export interface ProcessCast {
  readonly council: string;
  readonly charity: string;
  readonly complainantToken: string;
  readonly respondentToken: string;
  readonly auditorToken: string;
}

export const asAdmin = (baseUrl: string): ApiClient => api(baseUrl, PROCESS_ADMIN_TOKEN);

/** Two organisations, a partner in each and an auditor, registered over HTTP. */
export async function processCastFor(baseUrl: string): Promise<ProcessCast> {
  const admin = asAdmin(baseUrl);
  const org = async (name: string, sector: string, type: string) => ok<{ id: string }>(await admin.post('/organisations', { name, sector, type }), 201).id;
  const council = await org('Fenland District Council', 'statutory', 'district council');
  const charity = await org('Wisbech Food Bank', 'vcs', 'charity');
  const person = async (name: string, roles: string[], organisationId?: string) =>
    ok<{ token: string }>(await admin.post('/people', { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`, roles, ...(organisationId && { organisationId }) }), 201).token;
  return {
    council,
    charity,
    complainantToken: await person('Food bank officer', ['partner'], charity),
    respondentToken: await person('Council officer', ['partner'], council),
    auditorToken: await person('Auditor', ['auditor']),
  };
}

/** Raises a case from the charity against the council, answering its id. */
export async function raiseCase(baseUrl: string, cast: ProcessCast, summary: string): Promise<string> {
  return ok<{ id: string }>(await api(baseUrl, cast.complainantToken).post('/disputes', raiseBody(cast.council, { summary })), 201).id;
}

export function ok<T>(response: ApiResponse, status = 200): T {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text.slice(0, 500)}`);
  return response.body as T;
}

export interface HistoryEvent {
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export async function historyOf(baseUrl: string, token: string, caseId: string): Promise<HistoryEvent[]> {
  return ok<{ events: HistoryEvent[] }>(await api(baseUrl, token).get(`/disputes/${caseId}/history`)).events;
}

/** The value of one unlabelled gauge or counter in a Prometheus text exposition. */
export function metricValue(exposition: string, name: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

export interface ProjectionHealth {
  readonly checkpoint: number;
  readonly lag: number;
  readonly failures: number;
  readonly halted: { readonly count: number };
}

/** Each projection's state in /health once none lags behind the log (or after 20 s, as it is then). */
export async function projectionsCaughtUp(baseUrl: string): Promise<Record<string, ProjectionHealth>> {
  const read = async () => {
    const body = (await (await fetch(`${baseUrl}/health`)).json()) as { details: { projections: Record<string, unknown> } };
    const { status: _status, ...byName } = body.details.projections;
    return byName as Record<string, ProjectionHealth>;
  };
  const deadline = Date.now() + 20_000;
  let projections = await read();
  while (Object.values(projections).some((p) => p.lag > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    projections = await read();
  }
  return projections;
}
