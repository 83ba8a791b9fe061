import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLOCK, type SettableClock } from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import {
  answered,
  type Cast,
  castFor,
  type CommandAnswer,
  created,
  E2eApi,
  expectProblem,
  history,
  type Person,
  raise,
  run,
  START,
  view,
} from './support/e2e-world.js';

interface PersonItem {
  readonly id: string;
  readonly name: string;
  readonly roles: string[];
  readonly organisationId: string | null;
  readonly organisationName: string | null;
  readonly memberships: { organisationId: string; organisationName: string | null; from: string; to: string | null }[];
  readonly active: boolean;
  readonly revision: number;
}
interface PeoplePage {
  readonly items: PersonItem[];
  readonly nextCursor: string | null;
}

/** Registered well before the case, then moved out of the respondent council at these instants. */
const REGISTERED_AT = '2024-06-03T09:00:00.000Z';
const THIRTEEN_MONTHS_BEFORE = '2025-02-02T10:00:00.000Z';
const TWO_MONTHS_BEFORE = '2026-01-02T10:00:00.000Z';

/**
 * The directory the secretariat runs the process with, over HTTP: finding people, the admin
 * commands on people and organisations (each one event with its actor), who may see whom, and the
 * 12-month conflict-of-interest rule reading the membership history those commands write.
 */
describe('the directory over HTTP', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let clock: SettableClock;
  let leftRecently: Person;
  let leftLongAgo: Person;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    clock = e2e.app.get<SettableClock>(CLOCK);
    clock.set(REGISTERED_AT);
    cast = await castFor(e2e);
    leftRecently = await e2e.person('Mediator Recent', ['mediator'], cast.orgs.council);
    leftLongAgo = await e2e.person('Mediator Long Gone', ['mediator'], cast.orgs.council);
    clock.set(THIRTEEN_MONTHS_BEFORE);
    answered(await e2e.admin.post(`/people/${leftLongAgo.id}/move`, { organisationId: cast.orgs.third }));
    clock.set(TWO_MONTHS_BEFORE);
    answered(await e2e.admin.post(`/people/${leftRecently.id}/move`, { organisationId: null }));
    clock.set(START);
  });

  afterAll(() => e2e.dispose());

  const people = async (who: { get: Person['http']['get'] }, query = ''): Promise<PeoplePage> => answered<PeoplePage>(await who.get(`/people${query}`));
  const namesOf = (page: PeoplePage) => page.items.map((p) => p.name);
  const personStream = (id: string) => e2e.app.get<EventStore>(EVENT_STORE).readStream(`person-${id}`);

  /** A case by the food bank against the council, taken to the CDG with mediation chosen. */
  const caseAwaitingMediator = async (): Promise<string> => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.respondent, id, 'respond', { response: 'We followed our policy' });
    await run(cast.complainant, id, 'refer-to-cdg', { reason: 'The response does not address the notice period' });
    await run(cast.chair, id, 'choose-route', { route: 'mediation', reason: 'Both parties agree to mediate', consentFrom: [cast.orgs.charity, cast.orgs.council] });
    return id;
  };

  describe('the 12-month conflict-of-interest rule, end to end', () => {
    it('lets the secretariat find mediators by role, refuses one who left a party two months ago and appoints one who left thirteen months ago', async () => {
      const caseId = await caseAwaitingMediator();

      const mediators = await people(cast.secretariat.http, '?role=mediator');
      expect(namesOf(mediators)).toEqual(['Mediator 1', 'Mediator 2', 'Mediator Long Gone', 'Mediator Recent']);
      const recent = mediators.items.find((p) => p.id === leftRecently.id);
      expect(recent).toMatchObject({
        organisationId: null,
        organisationName: null,
        memberships: [{ organisationId: cast.orgs.council, organisationName: 'Fenland District Council', from: REGISTERED_AT, to: TWO_MONTHS_BEFORE }],
      });

      const head = await e2e.headPosition();
      const refused = expectProblem(await cast.secretariat.http.post(`/disputes/${caseId}/appoint-mediator`, { personId: leftRecently.id }), 409, 'DISPUTE.CONFLICT_OF_INTEREST');
      expect(refused.detail).toContain(`Mediator Recent (${leftRecently.id}) cannot be appointed under the conflict-of-interest rule`);
      expect(refused.detail).toContain(`belonged to party organisation Fenland District Council (${cast.orgs.council}) until 2026-01-02, less than 12 months ago`);
      expect(await e2e.headPosition()).toBe(head);

      await run(cast.secretariat, caseId, 'appoint-mediator', { personId: leftLongAgo.id });
      expect(await view(cast.secretariat, caseId)).toMatchObject({ state: 'cdg.mediation', mediatorId: leftLongAgo.id });
      const appointed = (await history(cast.secretariat, caseId)).find((e) => e.type === 'MediatorAppointed');
      expect(appointed?.actor).toMatchObject({ personId: cast.secretariat.id, name: 'Secretariat 1', role: 'secretariat', organisationName: null });
    });

    it('names the actor and the organisation acted for in the case history', async () => {
      const caseId = await raise(cast.complainant, cast.orgs.council);
      const [raised] = await history(cast.respondent, caseId);
      expect(raised?.actor).toMatchObject({
        personId: cast.complainant.id,
        name: 'Food bank officer',
        role: 'partner',
        organisationId: cast.orgs.charity,
        organisationName: 'Wisbech Food Bank',
      });
    });

    it('refuses to appoint a deactivated mediator', async () => {
      const gone = await e2e.person('Mediator Retired', ['mediator']);
      answered(await e2e.admin.post(`/people/${gone.id}/deactivate`, { reason: 'Retired' }));
      const caseId = await caseAwaitingMediator();
      expectProblem(await cast.secretariat.http.post(`/disputes/${caseId}/appoint-mediator`, { personId: gone.id }), 409, 'DIRECTORY.PERSON_DEACTIVATED');
    });
  });

  describe('GET /people', () => {
    it('filters by role and by current organisation, and pages with the cursor it gives out', async () => {
      expect(namesOf(await people(cast.secretariat.http, `?organisationId=${cast.orgs.council}`))).toEqual(['Council officer']);
      expect(namesOf(await people(cast.secretariat.http, `?organisationId=${cast.orgs.third}&role=mediator`))).toEqual(['Mediator Long Gone']);

      const everyone = namesOf(await people(e2e.admin, '?limit=100'));
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: PeoplePage = await people(e2e.admin, `?limit=4${cursor === '' ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...namesOf(page));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(everyone);
      expect(everyone).toEqual([...everyone].sort());
    });

    it('refuses unknown parameters, roles that are not ones, bad limits and cursors it never gave', async () => {
      for (const query of ['?colour=blue', '?role=system', '?role=wizard', '?limit=0', '?limit=101', '?active=yes', '?cursor=nonsense']) {
        expectProblem(await cast.secretariat.http.get(`/people${query}`), 400);
      }
    });

    it('lets admin, secretariat, chair and auditors see everyone', async () => {
      const everyone = namesOf(await people(e2e.admin, '?limit=100'));
      for (const who of [cast.secretariat, cast.chair, cast.auditor]) expect(namesOf(await people(who.http, '?limit=100'))).toEqual(everyone);
    });

    it('shows a partner their own organisation and the people appointed to its cases, and nobody else', async () => {
      // A case with nobody appointed yet shows the parish clerk no one but their own organisation.
      await raise(cast.parishClerk, cast.orgs.nhs);
      expect(namesOf(await people(cast.parishClerk.http))).toEqual(['Parish clerk']);

      // The food bank's cases have had Mediator Long Gone appointed (above).
      expect(namesOf(await people(cast.complainant.http))).toEqual(['Food bank officer', 'Mediator Long Gone']);
      expectProblem(await cast.complainant.http.get(`/people/${cast.respondent.id}`), 404, 'PERSON.NOT_FOUND');
      expectProblem(await cast.complainant.http.get(`/people/${cast.secretariat.id}`), 404, 'PERSON.NOT_FOUND');
      expect(answered<PersonItem>(await cast.complainant.http.get(`/people/${leftLongAgo.id}`))).toMatchObject({ name: 'Mediator Long Gone' });
      expectProblem(await cast.parishClerk.http.get(`/people/${leftLongAgo.id}`), 404, 'PERSON.NOT_FOUND');
    });

    it('shows an appointee the people of the parties to their cases', async () => {
      const seen = namesOf(await people(leftLongAgo.http));
      expect(seen).toEqual(['Council officer', 'Food bank officer', 'Mediator Long Gone']);
      // Only a partner sees their own organisation: this mediator now belongs to the youth trust.
      expect(seen).not.toContain('Youth trust officer');
      expect(seen).not.toContain('Parish clerk');
      expect(seen).not.toContain('Secretariat 1');
      expectProblem(await cast.mediator.http.get(`/people/${cast.respondent.id}`), 404);
    });

    it('answers one person with their revision as ETag, and 404 for an unknown id', async () => {
      const response = await cast.secretariat.http.get(`/people/${leftRecently.id}`);
      const person = answered<PersonItem>(response);
      expect(person).toMatchObject({ id: leftRecently.id, name: 'Mediator Recent', roles: ['mediator'], active: true, revision: 1 });
      expect(response.headers.get('etag')).toBe('"1"');
      expectProblem(await cast.secretariat.http.get('/people/no-such-person'), 404, 'PERSON.NOT_FOUND');
    });
  });

  describe('GET /me', () => {
    it('says who the token is: id, name, roles, organisation, and the authorities they are Compact lead councillor for', async () => {
      expect(answered(await cast.respondent.http.get('/me'))).toEqual({
        id: cast.respondent.id,
        name: 'Council officer',
        roles: ['partner'],
        organisationId: cast.orgs.council,
        organisationName: 'Fenland District Council',
        compactLeadFor: [],
        bootstrap: false,
      });
      const councillor = await e2e.person('Cllr Lead', ['partner'], cast.orgs.council, { compactLeadFor: cast.orgs.council });
      expect(answered(await councillor.http.get('/me'))).toMatchObject({
        compactLeadFor: [{ organisationId: cast.orgs.council, organisationName: 'Fenland District Council' }],
      });
      expect(answered(await e2e.admin.get('/me'))).toMatchObject({ id: 'bootstrap-admin', roles: ['admin'], organisationId: null, bootstrap: true });
      expectProblem(await e2e.client().get('/me'), 401);
    });
  });

  describe('admin commands on a person', () => {
    it('grants and revokes roles, each one event with the admin as actor, answering { id, revision, position }', async () => {
      const person = await e2e.person('Panel reserve', ['mediator']);
      const head = await e2e.headPosition();
      const granted = await e2e.admin.post(`/people/${person.id}/grant-role`, { role: 'panelist' });
      expect(answered<CommandAnswer>(granted)).toEqual({ id: person.id, revision: 1, position: Number(head) + 1 });
      expect(granted.headers.get('etag')).toBe('"1"');
      expect(answered<PersonItem>(await cast.secretariat.http.get(`/people/${person.id}`)).roles).toEqual(['mediator', 'panelist']);

      expectProblem(await e2e.admin.post(`/people/${person.id}/grant-role`, { role: 'panelist' }), 409, 'DIRECTORY.ROLE_ALREADY_HELD');
      expectProblem(await e2e.admin.post(`/people/${person.id}/revoke-role`, { role: 'chair' }), 409, 'DIRECTORY.ROLE_NOT_HELD');
      answered(await e2e.admin.post(`/people/${person.id}/revoke-role`, { role: 'mediator' }));
      expect(answered<PersonItem>(await cast.secretariat.http.get(`/people/${person.id}`)).roles).toEqual(['panelist']);

      const events = await personStream(person.id);
      expect(events.map((e) => e.type)).toEqual(['PersonRegistered', 'RoleGranted', 'RoleRevoked']);
      expect(events[1]?.metadata).toMatchObject({ actor: { personId: 'bootstrap-admin', role: 'admin' }, command: 'grant-role', occurredAt: START });
    });

    it('validates bodies as every command does, and appends nothing for a refused one', async () => {
      const head = await e2e.headPosition();
      const id = cast.otherMediator.id;
      const bad = [
        [`/people/${id}/grant-role`, { role: 'panelist', extra: true }],
        [`/people/${id}/grant-role`, { role: 'system' }],
        [`/people/${id}/grant-role`, {}],
        [`/people/${id}/move`, {}],
        [`/people/${id}/move`, { organisationId: '' }],
        [`/people/${id}/move`, { organisationId: 'no-such-organisation' }],
        [`/people/${id}/deactivate`, { reason: ' ' }],
        [`/people/${id}/rotate-token`, { token: 'mine' }],
      ] as const;
      for (const [path, body] of bad) {
        const problem = expectProblem(await e2e.admin.post(path, body), 400);
        expect(problem.errors?.length).toBeGreaterThan(0);
      }
      expectProblem(await e2e.admin.post(`/people/${cast.respondent.id}/move`, { organisationId: cast.orgs.council }), 409, 'DIRECTORY.ALREADY_MEMBER');
      expectProblem(await e2e.admin.post(`/people/${cast.respondent.id}/move`, { organisationId: null }), 409, 'DIRECTORY.PARTNER_NEEDS_ORGANISATION');
      expectProblem(await e2e.admin.post('/people/no-such-person/grant-role', { role: 'chair' }), 404, 'PERSON.NOT_FOUND');
      expectProblem(await cast.secretariat.http.post(`/people/${id}/grant-role`, { role: 'chair' }), 403);
      expect(await e2e.headPosition()).toBe(head);
    });

    it('applies a command only at the revision If-Match names', async () => {
      const person = await e2e.person('Pinned person', ['auditor']);
      expectProblem(await e2e.admin.post(`/people/${person.id}/grant-role`, { role: 'chair' }, { 'if-match': '"3"' }), 412, 'CONCURRENCY.STALE_REVISION');
      const applied = answered<CommandAnswer>(await e2e.admin.post(`/people/${person.id}/grant-role`, { role: 'chair' }, { 'if-match': '"0"' }));
      expect(applied.revision).toBe(1);
    });

    it('moves a person, keeping the membership that ended with its dates', async () => {
      const person = await e2e.person('Moving officer', ['partner'], cast.orgs.charity);
      clock.set('2026-03-03T10:00:00.000Z');
      try {
        answered(await e2e.admin.post(`/people/${person.id}/move`, { organisationId: cast.orgs.group }));
      } finally {
        clock.set(START);
      }
      expect(answered<PersonItem>(await cast.secretariat.http.get(`/people/${person.id}`))).toMatchObject({
        organisationId: cast.orgs.group,
        organisationName: 'Ely Community Group',
        memberships: [
          { organisationId: cast.orgs.charity, organisationName: 'Wisbech Food Bank', from: START, to: '2026-03-03T10:00:00.000Z' },
          { organisationId: cast.orgs.group, organisationName: 'Ely Community Group', from: '2026-03-03T10:00:00.000Z', to: null },
        ],
      });
      expect(answered(await person.http.get('/me'))).toMatchObject({ organisationId: cast.orgs.group });
      expect((await personStream(person.id)).at(-1)?.data).toEqual({ personId: person.id, organisationId: cast.orgs.group, previousOrganisationId: cast.orgs.charity });
    });

    it('deactivates a person: their token is refused from then on and nothing more can be done to them', async () => {
      const person = await e2e.person('Leaving officer', ['partner'], cast.orgs.charity);
      answered(await person.http.get('/me'));
      answered(await e2e.admin.post(`/people/${person.id}/deactivate`, { reason: 'Left the food bank' }));
      expectProblem(await person.http.get('/me'), 401, 'AUTH.UNAUTHENTICATED');
      expectProblem(await e2e.admin.post(`/people/${person.id}/grant-role`, { role: 'chair' }), 409, 'DIRECTORY.PERSON_DEACTIVATED');
      expectProblem(await e2e.admin.post(`/people/${person.id}/rotate-token`, {}), 409, 'DIRECTORY.PERSON_DEACTIVATED');
      expect(answered<PersonItem>(await cast.secretariat.http.get(`/people/${person.id}`))).toMatchObject({ active: false, deactivatedAt: START });
      expect(namesOf(await people(cast.secretariat.http, '?active=false'))).toContain('Leaving officer');
      expect(namesOf(await people(cast.secretariat.http, '?active=true'))).not.toContain('Leaving officer');
    });

    it('rotates a token: the new one is shown once and works, the old one is refused, and a replay never writes it to disk', async () => {
      const person = await e2e.person('Rotating officer', ['partner'], cast.orgs.charity);
      const key = { 'idempotency-key': 'rotate-1' };
      const head = await e2e.headPosition();
      const first = await e2e.admin.post(`/people/${person.id}/rotate-token`, {}, key);
      const rotated = answered<CommandAnswer & { token: string }>(first);
      expect(rotated).toEqual({ id: person.id, revision: 1, position: Number(head) + 1, token: expect.stringMatching(/^[\w-]{43}$/) });
      expect(rotated.token).not.toBe(person.token);

      expectProblem(await person.http.get('/me'), 401);
      expect(answered(await e2e.client(rotated.token).get('/me'))).toMatchObject({ id: person.id });

      const replay = await e2e.admin.post(`/people/${person.id}/rotate-token`, {}, key);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(answered(replay)).toEqual(rotated);
      expect(await e2e.headPosition()).toBe(head + 1n);
      expect(await readFile(join(e2e.dataDir, 'http.sqlite'), 'latin1')).not.toContain(rotated.token);
    });
  });

  describe('an organisation leaving the Compact', () => {
    it('records OrganisationLeft once; nobody joins it and no dispute is raised against it afterwards', async () => {
      const org = created<CommandAnswer>(await e2e.admin.post('/organisations', { name: 'Chatteris Lunch Club', sector: 'vcs', type: 'community group' }));
      const left = answered<CommandAnswer>(await e2e.admin.post(`/organisations/${org.id}/leave`, { reason: 'The club has closed' }));
      expect(left).toMatchObject({ id: org.id, revision: 1 });
      expect(answered(await cast.outsider.http.get(`/organisations/${org.id}`))).toMatchObject({ name: 'Chatteris Lunch Club', leftAt: START });

      expectProblem(await e2e.admin.post(`/organisations/${org.id}/leave`, { reason: 'Again' }), 409, 'DIRECTORY.ORGANISATION_ALREADY_LEFT');
      const move = expectProblem(await e2e.admin.post(`/people/${cast.otherMediator.id}/move`, { organisationId: org.id }), 409, 'DIRECTORY.ORGANISATION_LEFT');
      expect(move.detail).toContain('Chatteris Lunch Club');
      const raised = expectProblem(await cast.respondent.http.post('/disputes', { respondentIds: [org.id], clauses: ['4.1'], summary: 'S', details: 'D', desiredOutcome: 'O' }), 400);
      expect(raised.detail).toContain('Chatteris Lunch Club');

      expectProblem(await e2e.admin.post('/organisations/no-such-organisation/leave', { reason: 'Gone' }), 404, 'ORGANISATION.NOT_FOUND');
      expectProblem(await cast.secretariat.http.post(`/organisations/${cast.orgs.group}/leave`, { reason: 'Gone' }), 403);
      expectProblem(await e2e.admin.post(`/organisations/${cast.orgs.group}/leave`, {}), 400);
    });
  });
});
