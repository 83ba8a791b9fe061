import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CASE_COMMANDS, COMPACT_CLAUSES } from '#domain';
import { EXAMPLE_IDS } from '../../libs/http/src/resources/shared/examples.js';
import { type Cast, castFor, E2eApi, raise, START } from './support/e2e-world.js';

/** Redocly's CLI entry point, run with this Node (no npx, no network). */
const REDOCLY = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

/* eslint-disable @typescript-eslint/no-explicit-any -- walking a JSON document */
type Loose = Record<string, any>;
interface Document {
  readonly paths: Record<string, Record<string, Loose & { parameters?: Loose[]; responses: Record<string, Loose> }>>;
  readonly components: { schemas: Record<string, Loose>; securitySchemes: Record<string, Loose> };
  readonly servers: unknown[];
}

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: string[];
  readonly required?: string[];
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly allOf?: Schema[];
}
interface Operation {
  readonly operationId?: string;
  readonly requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  readonly responses: Record<string, unknown>;
  readonly parameters?: { name: string; in: string }[];
}
interface OpenApi {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, Schema> };
}

/** api.md's Commands table: each command's body fields, required ones marked with `!`. */
const API_MD_COMMANDS: Record<string, string[]> = {
  acknowledge: [],
  'lodge-formal': ['grounds!'],
  'extend-response-deadline': ['workingDays!', 'reason!'],
  respond: ['response!'],
  'refer-to-cdg': ['reason!'],
  'choose-route': ['route!', 'reason', 'consentFrom'],
  'appoint-mediator': ['personId!'],
  'appoint-panel': ['chairId!', 'statutoryMemberId!', 'vcsMemberId!'],
  'declare-conflict': ['interest!'],
  'object-to-appointment': ['personId!', 'grounds!'],
  'rule-on-objection': ['personId!', 'upheld!', 'reason!'],
  'record-session': ['heldOn!', 'attendees!', 'summary!'],
  'end-mediation': ['summary!'],
  'record-hearing': ['heldOn!', 'summary!'],
  'issue-findings': ['finding!', 'findings!', 'recommendations!'],
  'respond-to-findings': ['response!', 'reasons'],
  'agree-resolution': ['terms!', 'actions!'],
  'complete-action': ['actionId!', 'evidence'],
  'vary-action': ['actionId!', 'dueDate', 'description', 'reason!'],
  suspend: ['reason!', 'workingDays!', 'consentFrom!', 'panelChairConsent'],
  resume: [],
  'extend-deadline': ['workingDays!', 'reason!', 'consentFrom!'],
  withdraw: ['reasonCode!', 'reason'],
  'refer-externally': ['body!', 'reference'],
  'record-external-outcome': ['outcome!'],
  'request-reopening': ['grounds!', 'reason!'],
  'decide-reopening': ['granted!', 'reason!'],
  'add-note': ['text!', 'visibility'],
  'add-evidence': ['filename!', 'contentType!', 'contentBase64!'],
  'record-lesson': ['lesson!', 'clause'],
};

/** The OpenAPI document at /docs-json, generated from the code, against api.md. */
describe('the OpenAPI document', () => {
  let e2e: E2eApi;
  let docs: OpenApi;

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    docs = (await e2e.client().get('/docs-json')).body as OpenApi;
  });

  afterAll(() => e2e.dispose());

  /** Follows a $ref, also one wrapped in allOf (as a described reference is). */
  const schemaOf = (schema: Schema | undefined): Schema => {
    const ref = schema?.$ref ?? schema?.allOf?.[0]?.$ref;
    return ref ? (docs.components.schemas[ref.split('/').pop() ?? ''] ?? {}) : (schema ?? {});
  };
  const bodyOf = (path: string, method = 'post'): Schema => schemaOf(docs.paths[path]?.[method]?.requestBody?.content['application/json']?.schema);

  it('has every resource of api.md', () => {
    const operations = Object.entries(docs.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /organisations',
        'GET /organisations',
        'POST /people',
        'POST /disputes',
        'GET /disputes',
        'GET /disputes/{id}',
        'GET /disputes/{id}/history',
        'GET /disputes/{id}/replay',
        'GET /work-queue',
        'POST /admin/projections/{name}/rebuild',
      ]),
    );
  });

  it.each(Object.entries(API_MD_COMMANDS))('documents POST /disputes/{id}/%s with exactly the body api.md gives', (command, fields) => {
    const operation = docs.paths[`/disputes/{id}/${command}`]?.post;
    expect(operation).toBeDefined();
    const body = bodyOf(`/disputes/{id}/${command}`);
    expect(Object.keys(body.properties ?? {}).sort()).toEqual(fields.map((f) => f.replace('!', '')).sort());
    expect((body.required ?? []).sort()).toEqual(fields.filter((f) => f.endsWith('!')).map((f) => f.slice(0, -1)).sort());
    expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '503', '507']);
    expect(operation?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'If-Match', 'Idempotency-Key']));
  });

  it('documents the vocabularies and ranges from the domain', () => {
    expect(bodyOf('/disputes/{id}/choose-route').properties?.route?.enum).toEqual(['mediation', 'panel']);
    expect(bodyOf('/disputes/{id}/issue-findings').properties?.finding?.enum).toEqual(['upheld', 'partly-upheld', 'not-upheld']);
    expect(bodyOf('/disputes/{id}/respond-to-findings').properties?.response?.enum).toEqual(['accept', 'partly-accept', 'decline']);
    expect(bodyOf('/disputes/{id}/withdraw').properties?.reasonCode?.enum).toEqual(['resolved-outside', 'no-longer-relevant', 'other']);
    expect(bodyOf('/disputes/{id}/refer-externally').properties?.body?.enum).toEqual([
      'local-government-ombudsman',
      'health-ombudsman',
      'independent-mediation',
      'legal-advice',
      'other',
    ]);
    expect(bodyOf('/disputes/{id}/request-reopening').properties?.grounds?.enum).toEqual(['action-not-delivered', 'new-evidence', 'procedural-defect']);
    expect(bodyOf('/disputes/{id}/add-note').properties?.visibility?.enum).toEqual(['parties', 'cdg']);
    expect(bodyOf('/disputes/{id}/extend-response-deadline').properties?.workingDays).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
    expect(bodyOf('/disputes/{id}/suspend').properties?.workingDays).toMatchObject({ type: 'integer', minimum: 1, maximum: 40 });
    expect(bodyOf('/organisations').properties?.sector?.enum).toEqual(['statutory', 'vcs']);
    const action = schemaOf(bodyOf('/disputes/{id}/agree-resolution').properties?.actions?.items);
    expect(Object.keys(action.properties ?? {}).sort()).toEqual(['clause', 'description', 'dueDate', 'ownerId']);
  });

  it('documents the bodies of the creations as api.md gives them', () => {
    expect(Object.keys(bodyOf('/organisations').properties ?? {}).sort()).toEqual(['name', 'sector', 'type']);
    expect(Object.keys(bodyOf('/people').properties ?? {}).sort()).toEqual(['compactLeadFor', 'email', 'name', 'organisationId', 'roles']);
    const raise = bodyOf('/disputes');
    expect(Object.keys(raise.properties ?? {}).sort()).toEqual(['clauses', 'dates', 'desiredOutcome', 'details', 'respondentIds', 'summary', 'urgent']);
    expect(Object.keys(schemaOf(raise.properties?.dates).properties ?? {}).sort()).toEqual([
      'changeEffective',
      'consultationClosed',
      'consultationOpened',
      'noticeReceived',
      'shorterConsultationReason',
      'shorterNoticeAgreed',
    ]);
  });

  it('names each operation uniquely', () => {
    const ids = Object.values(docs.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  /** The same document, walked loosely. */
  const doc = (): Document => docs as unknown as Document;
  const schema = (name: string): Loose => doc().components.schemas[name] ?? {};
  const operations = () => Object.entries(doc().paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
  const parameter = (path: string, method: string, name: string) => doc().paths[path]?.[method]?.parameters?.find((p) => p.name === name);

  it('types the date fields of the list and the work queue as date strings, not objects', () => {
    expect(schema('DisputeSummaryDto').properties.nextDueOn).toMatchObject({ type: 'string', format: 'date', nullable: true });
    expect(schema('WorkQueueItemDto').properties.dueOn).toMatchObject({ type: 'string', format: 'date', nullable: true });
  });

  it('gives the state of history?asOf= and of a replay step a schema without revision and position, and the case view one with them', () => {
    const ref = (s: Loose) => (s.$ref ?? s.allOf?.[0]?.$ref) as string;
    expect(ref(schema('HistoryDto').properties.state)).toBe('#/components/schemas/CaseStateDto');
    expect(ref(schema('ReplayStepDto').properties.view)).toBe('#/components/schemas/CaseStateDto');
    expect(schema('CaseStateDto').required).not.toContain('revision');
    expect(schema('DisputeViewDto').required).toEqual(expect.arrayContaining(['revision', 'position']));
  });

  it('closes every request body schema, nested ones included, as the validation pipe refuses unknown fields', () => {
    const bodies = operations().flatMap(({ operation }) => Object.values((operation.requestBody?.content ?? {}) as Record<string, Loose>).map((media) => media.schema.$ref as string));
    expect(bodies.length).toBeGreaterThan(30);
    for (const ref of bodies) expect([ref, schema(ref.split('/').pop() ?? '').additionalProperties]).toEqual([ref, false]);
    expect(schema('ActionDto').additionalProperties).toBe(false);
    expect(schema('ClauseDatesDto').additionalProperties).toBe(false);
  });

  it('states the header formats the parsers use, and that the on-behalf-of headers come together', () => {
    const ifMatch = parameter('/disputes/{id}/acknowledge', 'post', 'If-Match')?.schema as Loose;
    for (const good of ['"0"', '"17"', 'W/"3"', '*']) expect([good, new RegExp(ifMatch.pattern).test(good)]).toEqual([good, true]);
    for (const bad of ['3', '"03"', '"x"', '"1", "2"']) expect([bad, new RegExp(ifMatch.pattern).test(bad)]).toEqual([bad, false]);
    expect(parameter('/disputes', 'post', 'Idempotency-Key')?.schema).toMatchObject({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]{1,200}$' });
    const onBehalfOf = parameter('/disputes/{id}/acknowledge', 'post', 'X-On-Behalf-Of');
    const reason = parameter('/disputes/{id}/acknowledge', 'post', 'X-On-Behalf-Reason');
    expect(onBehalfOf?.schema).toMatchObject({ minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' });
    expect(reason?.schema).toMatchObject({ minLength: 1, maxLength: 1000, pattern: '\\S' });
    expect(onBehalfOf?.description).toContain('X-On-Behalf-Reason: one without the other is a 400');
    expect(reason?.description).toContain('X-On-Behalf-Of: one without the other is a 400');
  });

  it('states the text, id, clause and email rules, the state filter vocabulary and the cursor format', () => {
    expect(bodyProperty('LodgeFormalDto', 'grounds')).toMatchObject({ type: 'string', minLength: 1, maxLength: 20000, pattern: '\\S' });
    expect(bodyProperty('AppointMediatorDto', 'personId')).toMatchObject({ minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' });
    expect(bodyProperty('RaiseDisputeDto', 'clauses').items).toMatchObject({ enum: COMPACT_CLAUSES.map((c) => c.id) });
    expect(bodyProperty('RegisterPersonDto', 'email')).toMatchObject({ pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 254 });
    const state = parameter('/disputes', 'get', 'state')?.schema as Loose;
    expect(state.enum).toEqual(expect.arrayContaining(['formal', 'formal.awaitingResponse', 'cdg.panel', 'closed']));
    const cursor = parameter('/disputes', 'get', 'cursor')?.schema as Loose;
    expect(cursor.pattern).toBe('^[A-Za-z0-9_-]+$');
    expect(new RegExp(cursor.pattern).test(cursor.example)).toBe(true);
  });

  it('documents 401 and 429 (with Retry-After) on every operation, and 413/415 on every one that takes a body', () => {
    for (const { path, method, operation } of operations()) {
      const at = `${method.toUpperCase()} ${path}`;
      expect([at, Object.keys(operation.responses)]).toEqual([at, expect.arrayContaining(['401', '429'])]);
      expect([at, operation.responses['429']?.headers?.['Retry-After']]).toEqual([at, expect.objectContaining({ schema: { type: 'integer', minimum: 1 } })]);
      if (operation.requestBody) expect([at, Object.keys(operation.responses)]).toEqual([at, expect.arrayContaining(['400', '413', '415'])]);
      if (method === 'post') expect([at, operation.parameters?.map((p) => p.name)]).toEqual([at, expect.arrayContaining(['Idempotency-Key'])]);
    }
  });

  it('documents 400 on every operation (malformed HTTP) and 507 with Retry-After on every POST (a full disk)', () => {
    for (const { path, method, operation } of operations()) {
      const at = `${method.toUpperCase()} ${path}`;
      expect([at, Object.keys(operation.responses)]).toEqual([at, expect.arrayContaining(['400'])]);
      if (method === 'post') expect([at, operation.responses['507']?.headers?.['Retry-After']]).toEqual([at, expect.objectContaining({ schema: { type: 'integer', minimum: 1 } })]);
    }
  });

  it('documents 403 with the roles on every @Roles operation', () => {
    const signing = doc().paths['/organisations']?.post;
    expect(signing?.['x-required-roles']).toEqual(['admin']);
    expect(Object.keys(signing?.responses ?? {})).toContain('403');
    expect(signing?.description).toContain('Roles: admin.');
    expect(doc().paths['/admin/projections']?.get?.['x-required-roles']).toEqual(['admin']);
  });

  it('describes every operation, and names this server and an opaque bearer token', () => {
    for (const { path, method, operation } of operations()) {
      expect([`${method} ${path}`, typeof operation.description === 'string' && operation.description.length > 20]).toEqual([`${method} ${path}`, true]);
    }
    expect(doc().servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(doc().components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
  });

  function bodyProperty(name: string, property: string): Loose {
    return schema(name).properties[property] ?? {};
  }

  /** Every example the document gives (bodies composed as Swagger UI composes them, parameters), sent to the server. */
  describe('its examples', () => {
    let cast: Cast;
    let caseId: string;
    let member: { id: string };
    let evidenceSha256: string;

    beforeAll(async () => {
      cast = await castFor(e2e);
      caseId = await raise(cast.complainant, cast.orgs.council);
      member = await e2e.person('Directory example member', ['partner'], cast.orgs.third);
      const letter = Buffer.from('Notice of the grant change');
      await cast.complainant.http.post(`/disputes/${caseId}/add-evidence`, { filename: 'notice.txt', contentType: 'text/plain', contentBase64: letter.toString('base64') });
      evidenceSha256 = createHash('sha256').update(letter).digest('hex');
    });

    /** Ids the server gave out, standing in for the example ids (which name nothing on a fresh server). */
    const realIds = () =>
      new Map<string, string>([
        [EXAMPLE_IDS.complainant, cast.orgs.charity],
        [EXAMPLE_IDS.respondent, cast.orgs.council],
        [EXAMPLE_IDS.organisation, cast.orgs.third],
        [EXAMPLE_IDS.person, cast.mediator.id],
        [EXAMPLE_IDS.member, member.id],
        [EXAMPLE_IDS.case, caseId],
        [EXAMPLE_IDS.evidence, evidenceSha256],
      ]);

    it('are accepted by the server, each operation sent by a caller its roles allow', async () => {
      const ids = realIds();
      const substitute = (value: unknown): unknown => JSON.parse(JSON.stringify(value), (_key, inner: unknown) => (typeof inner === 'string' ? (ids.get(inner) ?? inner) : inner));
      const usedKeys = new Set<string>();
      const answers: string[] = [];

      for (const [path, item] of Object.entries(doc().paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const parameters = operation.parameters ?? [];
          const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(substitute(exampleOf(parameters.find((p) => p.name === name)?.schema ?? {}, parameters.find((p) => p.name === name)?.example)))));
          const query = new URLSearchParams();
          const headers: Record<string, string> = {};
          for (const p of parameters) {
            const example = p.example ?? p.schema?.example;
            if (example === undefined || p.in === 'path') continue;
            let value = String(substitute(example));
            if (p.name === 'Idempotency-Key') {
              // The same key on another request is a 422 by design: the example key is used once.
              value = usedKeys.has(value) ? `${operation.operationId}-${value}` : value;
              usedKeys.add(value);
            }
            if (p.in === 'query') query.set(p.name, value);
            if (p.in === 'header') headers[p.name] = value;
          }
          const media = operation.requestBody?.content['application/json'];
          const body = media ? substitute(media.example ?? exampleOf(media.schema)) : undefined;
          const command = path.startsWith('/disputes/{id}/');
          // Commands with an example If-Match: a 412 means the body passed validation.
          const pinnable = command || path.startsWith('/people/{id}/');
          const caller = command ? await senderOf(path.split('/').pop() ?? '') : callerFor(operation['x-required-roles'] as string[] | undefined);
          const target = `${url}${query.size > 0 ? `?${query}` : ''}`;
          const response = method === 'get' ? await caller.get(target, headers) : await caller.post(target, body, headers);
          answers.push(`${method.toUpperCase()} ${target} ${JSON.stringify(body ?? null)} → ${response.status} ${response.status >= 400 ? response.text : ''}`);
          const accepted = method === 'get' || operation.requestBody === undefined ? [200] : command ? [200, 403, 409, 412] : pinnable ? [200, 409, 412] : [200, 201];
          expect([`${method.toUpperCase()} ${path}`, accepted.includes(response.status) ? 'accepted' : answers.at(-1)]).toEqual([`${method.toUpperCase()} ${path}`, 'accepted']);
          if (pinnable && response.status === 412) {
            // The example If-Match pins revision 3: the body passed validation. Sent unpinned, the machine weighs it too.
            const { 'If-Match': _pinned, ...unpinned } = headers;
            const again = await caller.post(target, body, { ...unpinned, 'Idempotency-Key': `${operation.operationId}-unpinned` });
            answers.push(`${method.toUpperCase()} ${target} unpinned → ${again.status} ${again.status >= 400 ? again.text : ''}`);
            expect([`${path} unpinned`, (command ? [200, 403, 409] : [200, 409]).includes(again.status) ? 'accepted' : answers.at(-1)]).toEqual([`${path} unpinned`, 'accepted']);
          }
        }
      }
      // Every command was sent, and some got past the machine's checks.
      expect(answers.filter((a) => a.startsWith('POST /disputes/') && !a.includes(' unpinned → ')).length).toBe(CASE_COMMANDS.length);
      if (process.env.SHOW_EXAMPLE_ANSWERS) console.log(answers.join('\n'));
      expect(answers.filter((a) => / → 200 /.test(a) && a.startsWith('POST /disputes/')).length).toBeGreaterThan(0);
    });

    /** Someone the case lets send the command now (its `allowed` list), so that the machine weighs the body; else the secretariat. */
    async function senderOf(command: string) {
      for (const person of [cast.complainant, cast.respondent, cast.secretariat, cast.chair, cast.mediator, cast.panelChair]) {
        const allowed = ((await person.http.get(`/disputes/${caseId}`)).body as { allowed?: string[] }).allowed ?? [];
        if (allowed.includes(command)) return person.http;
      }
      return cast.secretariat.http;
    }

    function callerFor(roles: readonly string[] | undefined) {
      const role = roles?.[0];
      if (role === 'admin') return e2e.admin;
      if (role === 'partner') return cast.complainant.http;
      if (role === 'auditor') return cast.auditor.http;
      return cast.secretariat.http;
    }

    /** The example a schema gives, or one composed from its parts the way Swagger UI composes it. */
    function exampleOf(given: Loose, explicit?: unknown): unknown {
      if (explicit !== undefined) return explicit;
      const s = resolve(given);
      if (s.example !== undefined) return s.example;
      if (Array.isArray(s.enum)) return s.enum[0];
      // Every property, optional ones too: what Swagger UI's "Try it out" sends unless the user edits it.
      if (s.type === 'object' || s.properties) return Object.fromEntries(Object.entries((s.properties ?? {}) as Record<string, Loose>).map(([name, property]) => [name, exampleOf(property)]));
      if (Array.isArray(s.oneOf)) return exampleOf(s.oneOf[0]);
      if (s.type === 'array') return [exampleOf(s.items)];
      if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 0;
      if (s.type === 'boolean') return true;
      if (s.format === 'date') return '2026-03-02';
      if (s.format === 'date-time') return START;
      if (s.format === 'byte') return Buffer.from('%PDF').toString('base64');
      return 'string';
    }

    function resolve(given: Loose | undefined): Loose {
      const ref = (given?.$ref ?? given?.allOf?.[0]?.$ref) as string | undefined;
      return ref ? (doc().components.schemas[ref.split('/').pop() ?? ''] ?? {}) : (given ?? {});
    }
  });

  /** Redocly CLI, a maintained OpenAPI linter, with the repository's redocly.yaml. */
  it('passes redocly lint with no problems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compact-disputes-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, (await e2e.client().get('/docs-json')).text);
      const lint = spawnSync(process.execPath, [REDOCLY, 'lint', file, '--config', 'redocly.yaml', '--format', 'stylish'], {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        timeout: 60_000,
      });
      const output = `${lint.stdout}${lint.stderr}`;
      expect([lint.status, output]).toEqual([0, expect.stringContaining('Your API description is valid')]);
      // Warnings would not change the exit code; there must be none either (Node 20's deprecation box aside).
      expect(output).not.toMatch(/\d+ warnings?/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
