import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '#event-store';
import { api, type ApiClient, type ApiResponse } from '../../support/api-client.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../support/http-harness.js';

/** A Monday in term time, well clear of bank holidays. */
export const START = '2026-03-02T10:00:00.000Z';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: { field: string; message: string }[];
  readonly state?: string;
  readonly allowed?: string[];
}

export interface CommandAnswer {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
}

export interface CaseView extends CommandAnswer {
  readonly state: string;
  readonly stage: number | null;
  readonly outcome?: string;
  readonly allowed: string[];
  readonly deadlines: { id: string; step: string; dueOn: string; status: string }[];
  readonly actions: { actionId: string; status: string }[];
  readonly [more: string]: unknown;
}

export interface HistoryEvent {
  readonly position: number;
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: { personId: string; role: string; organisationId: string | null; onBehalfOf?: unknown };
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

export interface Person {
  readonly id: string;
  readonly token: string;
  readonly http: ApiClient;
}

/**
 * The real API (the real ApplicationModule) over a data dir the test owns, so that a test can stop
 * it and start it again later with the clock moved on. `stop()` keeps the data; `dispose()` removes it.
 */
export class E2eApi {
  private constructor(
    readonly dataDir: string,
    private server: TestServer,
  ) {}

  static async start(clock = START, dataDir?: string): Promise<E2eApi> {
    const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'compact-disputes-e2e-')));
    return new E2eApi(dir, await startTestServer({ dataDir: dir, clockFixed: clock }));
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  get app(): TestServer['app'] {
    return this.server.app;
  }

  /** The bootstrap admin. */
  get admin(): ApiClient {
    return api(this.baseUrl, TEST_ADMIN_TOKEN);
  }

  client(token?: string): ApiClient {
    return api(this.baseUrl, token);
  }

  /** Stops the server and starts it again on the same data, at another instant. */
  async restartAt(clock: string): Promise<void> {
    await this.server.close();
    this.server = await startTestServer({ dataDir: this.dataDir, clockFixed: clock });
  }

  /** The global position of the last event in the store (the event count, less one). */
  headPosition(): Promise<bigint> {
    return this.server.app.get<EventStore>(EVENT_STORE).headPosition();
  }

  async dispose(): Promise<void> {
    await this.server.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  // ---- the directory ---------------------------------------------------------------------------

  async organisation(name: string, sector: 'statutory' | 'vcs', type: string): Promise<string> {
    return created<CommandAnswer>(await this.admin.post('/organisations', { name, sector, type })).id;
  }

  async person(name: string, roles: string[], organisationId?: string, extra: Record<string, unknown> = {}): Promise<Person> {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.org`;
    const body = { name, email, roles, ...(organisationId === undefined ? {} : { organisationId }), ...extra };
    const answer = created<CommandAnswer & { token: string }>(await this.admin.post('/people', body));
    // A getter, so that the person follows the server across restarts (a new port each time).
    const client = (token: string) => this.client(token);
    return {
      id: answer.id,
      token: answer.token,
      get http() {
        return client(answer.token);
      },
    };
  }
}

/** The cast most suites need: five organisations and someone in every role. */
export async function castFor(e2e: E2eApi) {
  const council = await e2e.organisation('Fenland District Council', 'statutory', 'district council');
  const charity = await e2e.organisation('Wisbech Food Bank', 'vcs', 'charity');
  const third = await e2e.organisation('March Youth Trust', 'vcs', 'charity');
  const parish = await e2e.organisation('Histon Parish Council', 'statutory', 'parish council');
  const nhs = await e2e.organisation('Cambridgeshire Community NHS Trust', 'statutory', 'NHS trust');
  const group = await e2e.organisation('Ely Community Group', 'vcs', 'community group');
  return {
    orgs: { council, charity, third, parish, nhs, group },
    complainant: await e2e.person('Food bank officer', ['partner'], charity),
    respondent: await e2e.person('Council officer', ['partner'], council),
    outsider: await e2e.person('Youth trust officer', ['partner'], third),
    parishClerk: await e2e.person('Parish clerk', ['partner'], parish),
    secretariat: await e2e.person('Secretariat 1', ['secretariat']),
    chair: await e2e.person('CDG chair', ['chair']),
    mediator: await e2e.person('Mediator 1', ['mediator']),
    otherMediator: await e2e.person('Mediator 2', ['mediator']),
    panelChair: await e2e.person('Panel chair 1', ['panelist']),
    panelStatutory: await e2e.person('Panelist NHS', ['panelist'], nhs),
    panelVcs: await e2e.person('Panelist VCS', ['panelist'], group),
    otherPanelist: await e2e.person('Panel chair 2', ['panelist']),
    auditor: await e2e.person('Auditor 1', ['auditor']),
  };
}

export type Cast = Awaited<ReturnType<typeof castFor>>;

export function raiseBody(respondentId: string, overrides: Record<string, unknown> = {}) {
  return {
    respondentIds: [respondentId],
    clauses: ['3.2', '4.1'],
    summary: 'Grant cut at four weeks notice',
    details: 'Our grant was cut with four weeks notice, in the middle of the winter appeal.',
    desiredOutcome: 'Twelve weeks notice, as the Compact promises',
    dates: { noticeReceived: '2026-02-02', changeEffective: '2026-03-02' },
    ...overrides,
  };
}

/** Raises a dispute and answers its id (fails the test with the problem if it is refused). */
export async function raise(by: Person, respondentId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  return created<CommandAnswer>(await by.http.post('/disputes', raiseBody(respondentId, overrides))).id;
}

/** Sends one command and expects it applied. */
export async function run(by: Person, caseId: string, command: string, body: Record<string, unknown> = {}): Promise<CommandAnswer> {
  return answered<CommandAnswer>(await by.http.post(`/disputes/${caseId}/${command}`, body));
}

export async function view(by: Person, caseId: string): Promise<CaseView> {
  return answered<CaseView>(await by.http.get(`/disputes/${caseId}`));
}

export async function history(by: Person, caseId: string): Promise<HistoryEvent[]> {
  return answered<{ events: HistoryEvent[] }>(await by.http.get(`/disputes/${caseId}/history`)).events;
}

export function created<T>(response: ApiResponse): T {
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${response.text}`);
  return response.body as T;
}

export function answered<T>(response: ApiResponse): T {
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${response.text}`);
  return response.body as T;
}

/** Asserts a problem+json answer with this status (and code) and hands it back. */
export function expectProblem(response: ApiResponse, status: number, code?: string): Problem {
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status, ...(code === undefined ? {} : { code }) } });
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  return response.body as Problem;
}
