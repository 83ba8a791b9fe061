import { type Principal, type WorkQueueItem } from '#application';
import { type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';

/**
 * Every task in the cast's queues is one the case lets that person do now: its action and its
 * alternatives are in the `allowed` of the case as they read it (the queue asks the machine).
 */
async function offeredButNotAllowed(engine: Engine, c: Compact): Promise<string[]> {
  const cast = [c.charityOfficer, c.councilOfficer, c.countyOfficer, c.groupOfficer, c.secretariat, c.chair, c.mediator, c.panelChair, c.panelStatutory, c.panelVcs];
  const wrong: string[] = [];
  for (const who of cast) {
    for (const item of (await engine.workQueue(who)).items) {
      // The CDG's queue is the secretariat's and the chair's together: each acts on the items for their role.
      if (item.kind !== 'task' || !who.roles.includes(item.forRole)) continue;
      const { allowed } = await engine.view(who, item.caseId);
      for (const name of [...(item.action === null ? [] : [item.action]), ...item.alternatives]) {
        if (!(allowed as readonly string[]).includes(name)) wrong.push(`${who.name}: ${name} on ${item.state}`);
      }
    }
  }
  return wrong;
}

/**
 * One Compact with cases at different steps; each person's queue is checked to hold exactly
 * their (or their organisation's, or the CDG's) next actions.
 */
describe('the work queue', () => {
  let engine: Engine;
  let c: Compact;
  const names = new Map<string, string>();
  const cases: Record<string, string> = {};

  const line = (i: WorkQueueItem) => [names.get(i.caseId), i.action, i.dueOn];
  const queueOf = async (who: Principal) => (await engine.workQueue(who)).items;
  const linesOf = async (who: Principal) => (await queueOf(who)).map(line);

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
    const raise = async (name: string, who: Principal, respondents: string[]) => {
      const id = (await engine.raise(who, grievance(respondents, { summary: `Case ${name}` }))).id;
      names.set(id, name);
      cases[name] = id;
      return id;
    };
    const toDecision = async (id: string, respondent: Principal, complainant: Principal) => {
      await engine.run(respondent, id, 'acknowledge');
      await engine.run(complainant, id, 'lodge-formal', { grounds: 'No progress' });
      await engine.run(respondent, id, 'acknowledge');
      await engine.run(respondent, id, 'respond', { response: 'We followed policy' });
    };
    await raise('A', c.charityOfficer, [c.council]);
    await toDecision(await raise('B', c.groupOfficer, [c.county]), c.countyOfficer, c.groupOfficer);
    const C = await raise('C', c.charityOfficer, [c.county]);
    await toDecision(C, c.countyOfficer, c.charityOfficer);
    await engine.run(c.charityOfficer, C, 'refer-to-cdg', { reason: 'Still apart' });
    const D = await raise('D', c.groupOfficer, [c.council]);
    await engine.run(c.councilOfficer, D, 'acknowledge');
    await engine.run(c.groupOfficer, D, 'agree-resolution', {
      terms: 'Grant restored',
      actions: [{ description: 'Pay the grant', ownerId: c.council, dueDate: '2026-04-30' }],
    });
  });

  afterAll(() => engine.destroy());

  it('shows each party exactly what its organisation owes, soonest due first', async () => {
    expect(await linesOf(c.councilOfficer)).toEqual([
      ['A', 'acknowledge', '2026-03-09'],
      ['D', 'complete-action', '2026-04-30'],
    ]);
    expect(await linesOf(c.groupOfficer)).toEqual([['B', 'refer-to-cdg', '2026-03-30']]);
    expect(await linesOf(c.charityOfficer)).toEqual([]);
    expect(await linesOf(c.countyOfficer)).toEqual([]);
    expect(await linesOf(c.mediator)).toEqual([]);
    expect(await linesOf(c.auditor)).toEqual([]);

    const [ack, action] = await queueOf(c.councilOfficer);
    expect(ack).toMatchObject({
      caseId: cases['A'],
      summary: 'Case A',
      state: 'informal.awaitingAcknowledgement',
      kind: 'task',
      step: 'acknowledgement',
      title: 'Acknowledge the dispute',
      owedBy: 'respondent',
      organisationId: c.council,
      forRole: 'partner',
      deadlineId: 'acknowledgement-1',
      overdue: false,
      reminder: false,
      missed: false,
    });
    expect(action).toMatchObject({ step: 'agreed-action', actionId: 'A1', organisationId: c.council, state: 'actionsOpen' });
    const [decision] = await queueOf(c.groupOfficer);
    expect(decision).toMatchObject({ owedBy: 'complainant', alternatives: ['agree-resolution', 'refer-externally'] });
  });

  it('shows the secretariat and the chair the CDG queue: the chair chooses the route, the secretariat appoints', async () => {
    const triage = [['C', 'choose-route', '2026-03-16']];
    expect(await linesOf(c.chair)).toEqual(triage);
    expect(await linesOf(c.secretariat)).toEqual(triage);
    expect((await queueOf(c.chair))[0]).toMatchObject({ forRole: 'chair', owedBy: 'cdg', step: 'cdg-triage' });

    await engine.run(c.chair, cases['C']!, 'choose-route', { route: 'mediation', reason: 'Both agree', consentFrom: [c.charity, c.county] });
    expect(await linesOf(c.secretariat)).toEqual([['C', 'appoint-mediator', null]]);
    expect((await queueOf(c.chair))[0]).toMatchObject({ forRole: 'secretariat', title: 'Appoint a mediator' });

    await engine.run(c.secretariat, cases['C']!, 'appoint-mediator', { personId: c.mediator.personId });
    expect(await linesOf(c.secretariat)).toEqual([]);
    const mediation = (await engine.view(c.secretariat, cases['C']!)).deadlines.find((d) => d.step === 'mediation');
    expect(await linesOf(c.mediator)).toEqual([['C', 'agree-resolution', mediation?.dueOn]]);
    expect((await queueOf(c.mediator))[0]).toMatchObject({ forRole: 'mediator', alternatives: ['record-session', 'end-mediation'] });
    expect(await linesOf(c.panelChair)).toEqual([]);
  });

  it('puts an objection to an appointment before the chair until it is ruled on', async () => {
    await engine.run(c.countyOfficer, cases['C']!, 'object-to-appointment', { personId: c.mediator.personId, grounds: 'Too close' });
    expect(await linesOf(c.chair)).toEqual([['C', 'rule-on-objection', null]]);
    expect((await queueOf(c.chair))[0]).toMatchObject({ organisationId: c.county, forRole: 'chair' });
    await engine.run(c.chair, cases['C']!, 'rule-on-objection', { personId: c.mediator.personId, upheld: false, reason: 'No link' });
    expect(await linesOf(c.chair)).toEqual([]);
  });

  it('offers each person only commands the case allows them now, at every step these cases are in', async () => {
    expect(await offeredButNotAllowed(engine, c)).toEqual([]);
  });

  it('marks reminders from 2 working days before a due date, then overdue, then missed once recorded', async () => {
    const ackOf = async () => (await queueOf(c.councilOfficer)).find((i) => i.caseId === cases['A']);
    engine.at('2026-03-04T12:00:00Z'); // Wednesday: Thu, Fri and Mon still to go
    expect(await ackOf()).toMatchObject({ reminder: false, overdue: false });
    engine.at('2026-03-05T12:00:00Z'); // Thursday: due on the second working day from here
    expect(await ackOf()).toMatchObject({ reminder: true, overdue: false });
    engine.at('2026-03-09T12:00:00Z'); // the due day itself
    expect(await ackOf()).toMatchObject({ reminder: true, overdue: false });
    engine.at('2026-03-10T08:00:00Z');
    expect(await ackOf()).toMatchObject({ reminder: false, overdue: true, missed: false });
    await engine.scheduler.runOnce();
    // The respondent still owes the acknowledgement: it stays, marked missed.
    expect(await ackOf()).toMatchObject({ reminder: false, overdue: true, missed: true, action: 'acknowledge' });
    // Overdue items come first.
    expect((await linesOf(c.councilOfficer))[0]).toEqual(['A', 'acknowledge', '2026-03-09']);
  });

  it('alerts the chair to a missed CDG deadline held in an appointee’s queue', async () => {
    const due = (await engine.view(c.secretariat, cases['C']!)).deadlines.find((d) => d.step === 'mediation')!.dueOn;
    engine.at(`${due}T12:00:00Z`);
    expect((await queueOf(c.chair)).filter((i) => i.caseId === cases['C'])).toEqual([]);
    engine.at(`${due}T23:30:00Z`); // past midnight in London
    await engine.scheduler.runOnce();
    const alerts = (await queueOf(c.chair)).filter((i) => i.caseId === cases['C']);
    // One alert for the missed clock, and no chase of the mediator's step besides it.
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'alert', step: 'mediation', action: null, forRole: 'chair', dueOn: due, overdue: true, missed: true }),
    ]);
    expect((await queueOf(c.mediator))[0]).toMatchObject({ caseId: cases['C'], missed: true, overdue: true, kind: 'task' });
  });

  it('tells the CDG, once per clock, of every step another queue holds that is overdue, for the secretariat to chase', async () => {
    // Two respondents owe one acknowledgement: two items in two queues, one clock.
    const E = (await engine.raise(c.groupOfficer, grievance([c.council, c.county], { summary: 'Case E' }))).id;
    names.set(E, 'E');
    const due = (await engine.view(c.secretariat, E)).deadlines.find((d) => d.step === 'acknowledgement')!.dueOn;
    expect((await queueOf(c.secretariat)).filter((i) => i.caseId === E)).toEqual([]);
    engine.at(`${due}T23:30:00Z`);
    const chases = (await queueOf(c.secretariat)).filter((i) => i.kind === 'alert' && i.forRole === 'secretariat');
    expect(chases.map((i) => [names.get(i.caseId), i.step, i.title, i.organisationId ?? null, i.action, i.overdue])).toEqual([
      ['A', 'acknowledgement', 'Overdue: Acknowledge the dispute', c.council, null, true],
      ['E', 'acknowledgement', 'Overdue: Acknowledge the dispute', null, null, true],
    ]);
    // The chair shares the CDG's queue; the parties' own queues are unchanged.
    expect((await queueOf(c.chair)).filter((i) => i.forRole === 'secretariat' && i.kind === 'alert')).toEqual(chases);
    expect((await queueOf(c.councilOfficer)).filter((i) => i.kind === 'alert')).toEqual([]);
  });
});

describe('the work queue after findings and closure', () => {
  let engine: Engine;
  let c: Compact;

  beforeAll(async () => {
    engine = await startEngine();
    c = await seedCompact(engine);
  });

  afterAll(() => engine.destroy());

  it('asks each party to respond to the findings on its own clock, until it has', async () => {
    const id = (await engine.raise(c.charityOfficer, grievance([c.council]))).id;
    await engine.run(c.councilOfficer, id, 'acknowledge');
    await engine.run(c.charityOfficer, id, 'lodge-formal', { grounds: 'No progress' });
    await engine.run(c.councilOfficer, id, 'acknowledge');
    await engine.run(c.councilOfficer, id, 'respond', { response: 'Policy followed' });
    await engine.run(c.charityOfficer, id, 'refer-to-cdg', { reason: 'Unanswered' });
    await engine.run(c.chair, id, 'choose-route', { route: 'panel' });
    await engine.run(c.secretariat, id, 'appoint-panel', {
      chairId: c.panelChair.personId,
      statutoryMemberId: c.panelStatutory.personId,
      vcsMemberId: c.panelVcs.personId,
    });
    for (const p of [c.panelChair, c.panelStatutory, c.panelVcs]) {
      expect((await engine.workQueue(p)).items.map((i) => [i.action, i.forRole])).toEqual([['record-hearing', 'panelist']]);
    }
    await engine.run(c.panelChair, id, 'record-hearing', { heldOn: '2026-03-02', summary: 'Heard' });
    expect((await engine.workQueue(c.panelVcs)).items.map((i) => i.action)).toEqual(['issue-findings']);
    await engine.run(c.panelVcs, id, 'issue-findings', {
      finding: 'upheld',
      findings: 'Short notice',
      recommendations: [{ description: 'Reinstate', ownerId: c.council, dueDate: '2026-06-30' }],
    });
    expect((await engine.workQueue(c.panelVcs)).items).toEqual([]);
    const charityItems = (await engine.workQueue(c.charityOfficer)).items;
    const councilItems = (await engine.workQueue(c.councilOfficer)).items;
    expect(charityItems.map((i) => [i.action, i.deadlineId, i.organisationId])).toEqual([
      ['respond-to-findings', 'findings-response-1', c.charity],
    ]);
    expect(councilItems.map((i) => [i.action, i.deadlineId, i.organisationId])).toEqual([
      ['respond-to-findings', 'findings-response-2', c.council],
    ]);
    await engine.run(c.charityOfficer, id, 'respond-to-findings', { response: 'accept' });
    expect((await engine.workQueue(c.charityOfficer)).items).toEqual([]);
    expect((await engine.workQueue(c.councilOfficer)).items.map((i) => i.action)).toEqual(['respond-to-findings']);
    await engine.run(c.councilOfficer, id, 'respond-to-findings', { response: 'accept' });
    expect((await engine.workQueue(c.councilOfficer)).items.map((i) => [i.action, i.actionId, i.dueOn])).toEqual([
      ['complete-action', 'R1', '2026-06-30'],
    ]);
  });

  it('puts a reopening request before the chair with its 10 WD clock', async () => {
    const id = (await engine.raise(c.groupOfficer, grievance([c.county]))).id;
    await engine.run(c.groupOfficer, id, 'withdraw', { reasonCode: 'resolved-outside' });
    expect((await engine.workQueue(c.countyOfficer)).items).toEqual([]);
    await engine.run(c.groupOfficer, id, 'request-reopening', { grounds: 'new-evidence', reason: 'Minutes found' });
    const items = (await engine.workQueue(c.chair)).items.filter((i) => i.caseId === id);
    expect(items.map((i) => [i.action, i.step, i.dueOn, i.state])).toEqual([['decide-reopening', 'reopening-decision', '2026-03-16', 'closed']]);
    await engine.run(c.chair, id, 'decide-reopening', { granted: false, reason: 'Not material' });
    expect((await engine.workQueue(c.chair)).items.filter((i) => i.caseId === id)).toEqual([]);
  });

  it('offers each person only commands the case allows them now, after findings and closure too', async () => {
    expect(await offeredButNotAllowed(engine, c)).toEqual([]);
  });
});
