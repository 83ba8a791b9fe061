import { ValidationError } from '#core';
import { type DisputeListFilters, type DisputeSummary, type Principal } from '#application';
import { ADMIN, type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';

describe('the case list (GET /disputes)', () => {
  let engine: Engine;
  let c: Compact;
  let otherMediator: Principal;
  /** Case name by id, and id by name. */
  const nameOf = new Map<string, string>();
  const id: Record<string, string> = {};

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
    otherMediator = await engine.person('Other mediator', ['mediator']);
    const raise = async (name: string, day: string, who: Principal, respondents: string[], overrides = {}) => {
      engine.at(`${day}T10:00:00Z`);
      const caseId = (await engine.raise(who, grievance(respondents, { summary: `Case ${name}`, ...overrides }))).id;
      nameOf.set(caseId, name);
      id[name] = caseId;
      return caseId;
    };
    await raise('P1', '2026-03-02', c.charityOfficer, [c.council], { clauses: ['3.2', '4.1'] });
    await raise('P2', '2026-03-02', c.groupOfficer, [c.county], { clauses: ['3.4'] });
    const p3 = await raise('P3', '2026-03-03', c.charityOfficer, [c.county]);
    await engine.run(c.countyOfficer, p3, 'acknowledge');
    const p4 = await raise('P4', '2026-03-04', c.groupOfficer, [c.council], { clauses: ['4.1'] });
    await engine.run(c.councilOfficer, p4, 'acknowledge');
    await engine.run(c.groupOfficer, p4, 'lodge-formal', { grounds: 'Stalled' });
    await engine.run(c.councilOfficer, p4, 'acknowledge');
    await raise('P5', '2026-03-05', c.charityOfficer, [c.council, c.county], {
      urgent: true,
      dates: { noticeReceived: '2026-03-01', changeEffective: '2026-04-01' },
    });
    const p6 = await raise('P6', '2026-03-06', c.groupOfficer, [c.council]);
    await engine.run(c.groupOfficer, p6, 'withdraw', { reasonCode: 'no-longer-relevant' });
    const p7 = await raise('P7', '2026-03-09', c.charityOfficer, [c.council]);
    await engine.run(c.councilOfficer, p7, 'acknowledge');
    await engine.run(c.charityOfficer, p7, 'lodge-formal', { grounds: 'Stalled' });
    await engine.run(c.councilOfficer, p7, 'acknowledge');
    await engine.run(c.councilOfficer, p7, 'respond', { response: 'Policy' });
    await engine.run(c.charityOfficer, p7, 'refer-to-cdg', { reason: 'Unanswered' });
    await engine.run(c.chair, p7, 'choose-route', { route: 'mediation', consentFrom: [c.charity, c.council] });
    await engine.run(c.secretariat, p7, 'appoint-mediator', { personId: c.mediator.personId });
    engine.at('2026-03-12T10:00:00Z');
  });

  afterAll(() => engine.destroy());

  const names = (items: readonly DisputeSummary[]) => items.map((i) => nameOf.get(i.id));
  const listed = async (who: Principal, filters: DisputeListFilters = {}) => {
    const page = await engine.list(who, filters, null, 100);
    expect(page.nextCursor).toBeNull();
    return names(page.items);
  };
  const sorted = (xs: (string | undefined)[]) => [...xs].sort();

  it('lists newest opened first, ties by id, with the summary fields', async () => {
    const page = await engine.list(c.secretariat);
    // P1 and P2 were opened at the same instant: the lower id comes first.
    const tied = [id['P1']!, id['P2']!].sort().map((x) => nameOf.get(x));
    expect(names(page.items)).toEqual(['P7', 'P6', 'P5', 'P4', 'P3', ...tied]);
    expect(page.nextCursor).toBeNull();
    const p5 = page.items.find((i) => i.id === id['P5'])!;
    const view = await engine.view(c.secretariat, id['P5']!);
    expect(p5).toEqual({
      id: id['P5'],
      state: 'formal.awaitingAcknowledgement',
      stage: 2,
      highestStage: 2,
      complainantId: c.charity,
      respondentIds: [c.council, c.county],
      parties: view.parties,
      clauses: ['3.2'],
      urgent: true,
      summary: 'Case P5',
      openedAt: '2026-03-05T10:00:00.000Z',
      closedAt: null,
      outcome: null,
      revision: view.revision,
      position: view.position,
      lastEventAt: '2026-03-05T10:00:00.000Z',
      nextDueOn: '2026-03-10',
      overdue: true,
    });
    const p6 = page.items.find((i) => i.id === id['P6'])!;
    expect(p6).toMatchObject({ state: 'closed', stage: null, outcome: 'withdrawn', closedAt: '2026-03-06T10:00:00.000Z', nextDueOn: null });
    expect(page.items.find((i) => i.id === id['P7'])).toMatchObject({ state: 'cdg.mediation', stage: 3, highestStage: 3 });
  });

  it('filters by state, exactly or by a prefix', async () => {
    expect(sorted(await listed(c.secretariat, { state: 'informal' }))).toEqual(['P1', 'P2', 'P3']);
    expect(await listed(c.secretariat, { state: 'informal.inDiscussion' })).toEqual(['P3']);
    expect(await listed(c.secretariat, { state: 'formal' })).toEqual(['P5', 'P4']);
    expect(await listed(c.secretariat, { state: 'formal.awaitingResponse' })).toEqual(['P4']);
    expect(await listed(c.secretariat, { state: 'cdg' })).toEqual(['P7']);
    expect(await listed(c.secretariat, { state: 'cdg.mediation' })).toEqual(['P7']);
    expect(await listed(c.secretariat, { state: 'closed' })).toEqual(['P6']);
    expect(await listed(c.secretariat, { state: 'suspended' })).toEqual([]);
  });

  it('filters by stage, organisation, clause and opening dates, and combines filters', async () => {
    expect(sorted(await listed(c.secretariat, { stage: 1 }))).toEqual(['P1', 'P2', 'P3']);
    expect(await listed(c.secretariat, { stage: 2 })).toEqual(['P5', 'P4']);
    expect(await listed(c.secretariat, { stage: 3 })).toEqual(['P7']);
    expect(await listed(c.secretariat, { stage: 4 })).toEqual([]);
    expect(sorted(await listed(c.secretariat, { organisationId: c.council }))).toEqual(['P1', 'P4', 'P5', 'P6', 'P7']);
    expect(sorted(await listed(c.secretariat, { organisationId: c.county }))).toEqual(['P2', 'P3', 'P5']);
    expect(sorted(await listed(c.secretariat, { clause: '3.2' }))).toEqual(['P1', 'P3', 'P5', 'P6', 'P7']);
    expect(sorted(await listed(c.secretariat, { clause: '4.1' }))).toEqual(['P1', 'P4']);
    expect(await listed(c.secretariat, { clause: '3.4' })).toEqual(['P2']);
    expect(await listed(c.secretariat, { openedFrom: '2026-03-03', openedTo: '2026-03-05' })).toEqual(['P5', 'P4', 'P3']);
    expect(await listed(c.secretariat, { openedFrom: '2026-03-09' })).toEqual(['P7']);
    expect(sorted(await listed(c.secretariat, { openedTo: '2026-03-02' }))).toEqual(['P1', 'P2']);
    expect(await listed(c.secretariat, { clause: '3.2', organisationId: c.county })).toEqual(['P5', 'P3']);
    expect(await listed(c.secretariat, { state: 'informal', organisationId: c.council })).toEqual(['P1']);
  });

  it('filters overdue cases: something was due before today', async () => {
    expect(sorted(await listed(c.secretariat, { overdue: true }))).toEqual(['P1', 'P2', 'P5']);
    expect(sorted(await listed(c.secretariat, { overdue: false }))).toEqual(['P3', 'P4', 'P6', 'P7']);
    // Recording the misses does not make the cases any less overdue: the steps are still owed.
    await engine.scheduler.runOnce();
    expect(sorted(await listed(c.secretariat, { overdue: true }))).toEqual(['P1', 'P2', 'P5']);
  });

  it('shows a partner only the cases its organisation is party to, whatever the filters', async () => {
    expect(sorted(await listed(c.charityOfficer))).toEqual(['P1', 'P3', 'P5', 'P7']);
    expect(sorted(await listed(c.groupOfficer))).toEqual(['P2', 'P4', 'P6']);
    expect(sorted(await listed(c.councilOfficer))).toEqual(['P1', 'P4', 'P5', 'P6', 'P7']);
    expect(sorted(await listed(c.countyOfficer))).toEqual(['P2', 'P3', 'P5']);
    expect(await listed(c.charityOfficer, { organisationId: c.group })).toEqual([]);
    expect(await listed(c.groupOfficer, { clause: '3.2', organisationId: c.charity })).toEqual([]);
    for (const partner of [c.charityOfficer, c.groupOfficer, c.councilOfficer, c.countyOfficer]) {
      const page = await engine.list(partner, {}, null, 100);
      for (const item of page.items) expect([item.complainantId, ...item.respondentIds]).toContain(partner.organisationId);
    }
  });

  it('shows appointees their cases, the secretariat, chair and auditor everything, an admin nothing', async () => {
    expect(await listed(c.mediator)).toEqual(['P7']);
    expect(await listed(otherMediator)).toEqual([]);
    expect(await listed(c.panelChair)).toEqual([]);
    for (const who of [c.secretariat, c.chair, c.auditor]) expect(await listed(who)).toHaveLength(7);
    expect(await listed(ADMIN)).toEqual([]);
  });

  it('lists for each person exactly the cases the domain lets them open (maySeeCase, on the stream)', async () => {
    const opens = async (who: Principal, caseId: string) => engine.view(who, caseId).then(() => true, () => false);
    for (const who of [c.charityOfficer, c.councilOfficer, c.countyOfficer, c.groupOfficer, c.mediator, otherMediator, c.panelChair, c.chair, c.auditor, ADMIN]) {
      const seen: string[] = [];
      for (const caseId of Object.values(id)) if (await opens(who, caseId)) seen.push(caseId);
      expect({ who: who.name, listed: (await engine.list(who, {}, null, 100)).items.map((i) => i.id).sort() }).toEqual({ who: who.name, listed: seen.sort() });
    }
  });

  it('pages with an opaque cursor, stable when cases are added meanwhile', async () => {
    const all = names((await engine.list(c.secretariat, {}, null, 100)).items);
    const walked: (string | undefined)[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: DisputeSummary[]; nextCursor: string | null } = await engine.list(c.secretariat, {}, cursor, 2);
      walked.push(...names(page.items));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(walked).toEqual(all);
    expect(sizes).toEqual([2, 2, 2, 1]);

    const first = await engine.list(c.secretariat, {}, null, 3);
    engine.at('2026-03-12T11:00:00Z');
    const newer = (await engine.raise(c.charityOfficer, grievance([c.council], { summary: 'Newest' }))).id;
    nameOf.set(newer, 'P8');
    const second = await engine.list(c.secretariat, {}, first.nextCursor, 3);
    expect([...names(first.items), ...names(second.items)]).toEqual(all.slice(0, 6));
    expect(names((await engine.list(c.secretariat, {}, null, 1)).items)).toEqual(['P8']);

    // Filters and visibility apply across pages too.
    const charityPage = await engine.list(c.charityOfficer, { clause: '3.2' }, null, 2);
    const charityRest = await engine.list(c.charityOfficer, { clause: '3.2' }, charityPage.nextCursor, 10);
    expect([...names(charityPage.items), ...names(charityRest.items)]).toEqual(['P8', 'P7', 'P5', 'P3', 'P1']);
    expect(charityRest.nextCursor).toBeNull();
  });

  it('defaults to 25 a page and refuses bad input with field errors', async () => {
    const many = await engine.list(c.secretariat);
    expect(many.items.length).toBeLessThanOrEqual(25);
    const bad = async (filters: DisputeListFilters, cursor: string | null, limit: number | undefined, field: string) => {
      const error = await engine.list(c.secretariat, filters, cursor, limit).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.field)).toContain(field);
    };
    await bad({}, null, 0, 'limit');
    await bad({}, null, 101, 'limit');
    await bad({}, null, 2.5, 'limit');
    await bad({}, 'not-a-cursor', 10, 'cursor');
    await bad({}, Buffer.from('{"a":1}').toString('base64url'), 10, 'cursor');
    await bad({ state: 'bogus' }, null, 10, 'state');
    await bad({ stage: 5 }, null, 10, 'stage');
    await bad({ openedFrom: '2026-13-01' }, null, 10, 'openedFrom');
    await bad({ openedFrom: '2026-03-05', openedTo: '2026-03-01' }, null, 10, 'openedTo');
    await bad({ clause: '' }, null, 10, 'clause');
    expect((await engine.list(c.secretariat, {}, null, 100)).items).toHaveLength(8);
  });
});
