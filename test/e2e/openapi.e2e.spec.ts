import { E2eApi, START } from './support/e2e-world.js';

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
    expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '409', '412', '422']);
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
});
