import { type Principal, uuidFromName } from '#application';
import { type DirectoryLookup, type OrganisationRecord, type PersonRecord, type Role, type Sector } from '#domain';
import { DEMO_ORGANISATIONS, DEMO_STAFF } from './demo-cast.js';

export interface PlannedOrganisation {
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly sector: Sector;
  readonly type: string;
}

export interface PlannedPerson {
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly organisationId: string | null;
  readonly compactLeadFor: string | null;
}

/** The demo's signatories and people, with the ids the command path gives them. */
export interface DemoDirectory {
  readonly organisations: readonly PlannedOrganisation[];
  readonly people: readonly PlannedPerson[];
}

/** Who signs the demo's organisations and people up: the bootstrap admin (no person record). */
export const DEMO_ADMIN: Principal = { personId: 'bootstrap-admin', name: 'Bootstrap administrator', roles: ['admin'], organisationId: null, bootstrap: true };

/**
 * The demo sends every write with an Idempotency-Key, so every id is known before the load: the
 * command path derives it from the sender, the command and the key (DirectoryService and
 * DisputeCommandService). The loader checks each answer against the id planned here.
 */
export const demoKeys = {
  organisation: (key: string) => `demo/organisation/${key}`,
  person: (key: string) => `demo/person/${key}`,
  raise: (caseIndex: number) => `demo/case/${caseIndex}`,
  step: (caseIndex: number, stepIndex: number) => `demo/case/${caseIndex}/step/${stepIndex}`,
};

export const idFromKey = (senderId: string, scope: string, key: string): string => uuidFromName(`${senderId}:${scope}:${key}`);

const emailFor = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}@demo.invalid`;

export function demoDirectory(): DemoDirectory {
  const organisations = DEMO_ORGANISATIONS.map((o) => ({ ...o, id: idFromKey(DEMO_ADMIN.personId, 'sign-organisation', demoKeys.organisation(o.key)) }));
  const orgId = (key: string) => organisations.find((o) => o.key === key)?.id ?? null;
  const people: PlannedPerson[] = [];
  const person = (key: string, name: string, roles: Role[], organisationKey: string | null = null, compactLeadForKey: string | null = null) =>
    people.push({
      key,
      id: idFromKey(DEMO_ADMIN.personId, 'register-person', demoKeys.person(key)),
      name,
      email: emailFor(name),
      roles,
      organisationId: organisationKey ? orgId(organisationKey) : null,
      compactLeadFor: compactLeadForKey ? orgId(compactLeadForKey) : null,
    });
  for (const o of organisations) person(`officer/${o.key}`, `Compact officer, ${o.name}`, ['partner'], o.key);
  person('admin', DEMO_STAFF.admin, ['admin']);
  DEMO_STAFF.secretariat.forEach((name, i) => person(`secretariat/${i + 1}`, name, ['secretariat']));
  person('chair', DEMO_STAFF.chair, ['chair']);
  person('auditor', DEMO_STAFF.auditor, ['auditor']);
  DEMO_STAFF.mediators.forEach((name, i) => person(`mediator/${i + 1}`, name, ['mediator']));
  DEMO_STAFF.panelChairs.forEach((name, i) => person(`panel-chair/${i + 1}`, name, ['panelist']));
  person('panelist/statutory/1', 'Panel member (statutory) 1', ['panelist'], 'police');
  person('panelist/statutory/2', 'Panel member (statutory) 2', ['panelist'], 'fire');
  person('panelist/vcs/1', 'Panel member (voluntary sector) 1', ['panelist'], 'arts');
  person('panelist/vcs/2', 'Panel member (voluntary sector) 2', ['panelist'], 'sport');
  person('lead-councillor/county', 'Compact lead councillor, Fenshire County Council', ['partner'], 'county', 'county');
  return { organisations, people };
}

export const principalOf = (p: PlannedPerson): Principal => ({ personId: p.id, name: p.name, roles: p.roles, organisationId: p.organisationId });

/** The directory as the engine's read model shows it once everyone is registered at `registeredAt`. */
export function directoryLookup(directory: DemoDirectory, registeredAt: string): DirectoryLookup {
  const organisations = new Map<string, OrganisationRecord>(
    directory.organisations.map((o) => [o.id, { organisationId: o.id, name: o.name, sector: o.sector, type: o.type, signedAt: registeredAt, leftAt: null }]),
  );
  const people = new Map<string, PersonRecord>(
    directory.people.map((p) => [
      p.id,
      {
        personId: p.id,
        name: p.name,
        email: p.email,
        roles: p.roles,
        organisationId: p.organisationId,
        memberships: p.organisationId ? [{ organisationId: p.organisationId, from: registeredAt, to: null }] : [],
        compactLeadFor: p.compactLeadFor ? [p.compactLeadFor] : [],
      },
    ]),
  );
  return { organisation: (id) => organisations.get(id), person: (id) => people.get(id) };
}
