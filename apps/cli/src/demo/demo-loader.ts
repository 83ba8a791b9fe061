import { type INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  type CaseCommandRequest,
  CLOCK,
  GetDispute,
  type Principal,
  RaiseDispute,
  RegisterPerson,
  RunDisputeCommand,
  RunSystemCommand,
  type SettableClock,
  SignOrganisation,
  SYSTEM_PRINCIPAL,
} from '#application';
import { type CaseCommandName } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { DEMO_ORGANISATIONS, DEMO_STAFF, DEMO_TOPICS } from './demo-cast.js';
import { SeededRandom } from './seeded-random.js';

const ADMIN: Principal = { personId: 'bootstrap-admin', name: 'Bootstrap administrator', roles: ['admin'], organisationId: null, bootstrap: true };
const DAY = 86_400_000;

export interface DemoToken {
  readonly label: string;
  readonly roles: readonly string[];
  readonly organisation: string | null;
  readonly token: string;
}

export interface DemoSummary {
  readonly organisations: number;
  readonly people: number;
  readonly cases: number;
  readonly commands: number;
  readonly tokens: DemoToken[];
}

type Org = { id: string; key: string; name: string; sector: 'statutory' | 'vcs'; type: string; officer: Principal };
type Step = { at: number; caseIndex: number; run: () => Promise<void> };

/** A weekday between 09:00 and 15:59 UTC, `days` after `from`. */
function workingMoment(from: number, days: number, random: SeededRandom): number {
  const d = new Date(from + days * DAY);
  d.setUTCHours(random.int(9, 15), random.int(0, 59), 0, 0);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return Math.max(d.getTime(), from + 60_000);
}

/**
 * Loads the demo into an empty store through the real command path, moving the clock along so
 * that about three reporting years of disputes, at every stage and with every outcome, carry
 * true dates and deadlines.
 */
export async function loadDemoData(app: INestApplicationContext, options: { until: Date; seed?: number; cases?: number; recent?: number }): Promise<DemoSummary> {
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await store.headPosition()) > 0n) throw new Error('The store already holds events: the demo loads only into an empty data directory.');
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const clock = app.get<SettableClock>(CLOCK);
  if (typeof clock.set !== 'function') throw new Error('The demo needs a settable clock (CLOCK_FIXED).');
  const random = new SeededRandom(options.seed ?? 2007);
  const tokens: DemoToken[] = [];
  let commandCount = 0;

  const start = Date.parse('2023-04-03T09:00:00Z');
  clock.set(new Date(start - 30 * DAY));

  const register = async (name: string, roles: string[], org: { id: string; name: string } | null, extra: { compactLeadFor?: string } = {}) => {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}@demo.invalid`;
    const r = await commands.execute(new RegisterPerson(ADMIN, { name, email, roles, organisationId: org?.id ?? null, ...extra }));
    commandCount++;
    tokens.push({ label: name, roles, organisation: org?.name ?? null, token: r.token });
    return { personId: r.id, name, roles, organisationId: org?.id ?? null } as Principal;
  };

  const orgs: Org[] = [];
  for (const o of DEMO_ORGANISATIONS) {
    const r = await commands.execute(new SignOrganisation(ADMIN, { name: o.name, sector: o.sector, type: o.type }));
    commandCount++;
    orgs.push({ ...o, id: r.id, officer: undefined as unknown as Principal });
  }
  for (const org of orgs) org.officer = await register(`Compact officer, ${org.name}`, ['partner'], org);
  await register(DEMO_STAFF.admin, ['admin'], null);
  const secretariat = await Promise.all(DEMO_STAFF.secretariat.map((n) => register(n, ['secretariat'], null)));
  const chair = await register(DEMO_STAFF.chair, ['chair'], null);
  await register(DEMO_STAFF.auditor, ['auditor'], null);
  const mediators = await Promise.all(DEMO_STAFF.mediators.map((n) => register(n, ['mediator'], null)));
  const panelChairs = await Promise.all(DEMO_STAFF.panelChairs.map((n) => register(n, ['panelist'], null)));
  const byKey = (key: string) => orgs.find((o) => o.key === key)!;
  const statutoryPanelists = [await register('Panel member (statutory) 1', ['panelist'], byKey('police')), await register('Panel member (statutory) 2', ['panelist'], byKey('fire'))];
  const vcsPanelists = [await register('Panel member (voluntary sector) 1', ['panelist'], byKey('arts')), await register('Panel member (voluntary sector) 2', ['panelist'], byKey('sport'))];
  await register('Compact lead councillor, Fenshire County Council', ['partner'], byKey('county'), { compactLeadFor: byKey('county').id });

  const until = options.until.getTime();
  const caseCount = options.cases ?? 84;
  const steps: Step[] = [];
  const caseIds: string[] = [];
  const run = async (who: Principal, index: number, name: CaseCommandName, payload: Record<string, unknown> = {}) => {
    await commands.execute(new RunDisputeCommand(who, caseIds[index]!, { name, payload } as CaseCommandRequest));
    commandCount++;
  };
  const missDeadline = async (index: number, step: string) => {
    const view = await queries.execute(new GetDispute(SYSTEM_PRINCIPAL, caseIds[index]!));
    const deadline = view.deadlines.find((d) => d.step === step && d.status === 'open');
    // Not yet overdue (a bank holiday or an extension moved it): the live scheduler will record it.
    if (!deadline || clock.now().toISOString().slice(0, 10) <= deadline.dueOn) return;
    await commands.execute(new RunSystemCommand(caseIds[index]!, { name: 'record-missed-deadline', payload: { deadlineId: deadline.id } }, { idempotencyKey: `missed:${deadline.id}` }));
    commandCount++;
  };

  const statutory = orgs.filter((o) => o.sector === 'statutory');
  const vcs = orgs.filter((o) => o.sector === 'vcs');
  const councils = statutory.filter((o) => /council/.test(o.type) && !/parish|town/.test(o.type));

  // Besides the spread over three years, a batch raised in the last ten weeks is still under way
  // at every stage, so the work queues and deadlines have something current to show.
  const recentCount = options.recent ?? 18;
  for (let i = 0; i < caseCount + recentCount; i++) {
    const opened =
      i < caseCount
        ? start + Math.floor(((until - 14 * DAY - start) * i) / caseCount) + random.int(0, 6) * DAY
        : until - random.int(4, 70) * DAY;
    const weights = {
      informal: 22, formal: 16, notPursued: 7, mediation: 9, mediationFailed: 3, upheld: 6, partly: 6, notUpheld: 5, withdrawn: 9, external: 5, lateAck: 6, suspended: 4, urgent: 4,
    };
    // Every path appears at least once, early on, whatever the seed; the rest are drawn by weight.
    const paths = Object.keys(weights) as (keyof typeof weights)[];
    const path = i < paths.length ? paths[i]! : random.weighted(weights);
    const direction = random.weighted({ vcsToStatutory: 60, statutoryToVcs: 25, within: 15 });
    let complainant: Org;
    let respondent: Org;
    if (path === 'external') {
      complainant = random.pick(vcs);
      respondent = random.pick(councils);
    } else if (direction === 'vcsToStatutory') {
      complainant = random.pick(vcs);
      respondent = random.pick(statutory);
    } else if (direction === 'statutoryToVcs') {
      complainant = random.pick(statutory);
      respondent = random.pick(vcs);
    } else {
      const pool = random.chance(0.5) ? vcs : statutory;
      complainant = random.pick(pool);
      respondent = random.pick(pool.filter((o) => o !== complainant));
    }
    const topic = random.pick(DEMO_TOPICS);
    const C = complainant.officer;
    const R = respondent.officer;
    const sec = random.pick(secretariat);
    let t = workingMoment(opened, 0, random);
    const after = (minDays: number, maxDays: number) => (t = workingMoment(t, random.int(minDays, maxDays), random));
    const openedOn = new Date(t).toISOString().slice(0, 10);
    const plusDays = (n: number) => new Date(t + n * DAY).toISOString().slice(0, 10);
    const dates: Record<string, string> = {};
    if (topic.notice) {
      dates['noticeReceived'] = plusDays(-random.int(20, 60));
      dates['changeEffective'] = plusDays(random.chance(0.7) ? random.int(5, 40) : random.int(60, 80));
    }
    if (topic.consultation) {
      dates['consultationOpened'] = plusDays(-random.int(40, 90));
      dates['consultationClosed'] = plusDays(-random.int(1, 20));
    }
    const urgent = path === 'urgent';
    if (urgent) dates['changeEffective'] = plusDays(random.int(20, 60));
    const index = i;
    const add = (at: number, fn: () => Promise<void>) => steps.push({ at, caseIndex: index, run: fn });

    add(t, async () => {
      const r = await commands.execute(
        new RaiseDispute(C, {
          respondentIds: [respondent.id],
          clauses: topic.clauses,
          summary: topic.summary,
          details: `${complainant.name} says: ${topic.summary.toLowerCase()}, affecting the people it serves (raised ${openedOn}).`,
          desiredOutcome: topic.desired,
          urgent,
          dates,
        }),
      );
      commandCount++;
      caseIds[index] = r.id;
    });

    const resolveWithAction = (who: Principal, owner: Org) => {
      const withAction = random.chance(0.6);
      const due = workingMoment(t, random.int(20, 45), random);
      add(after(3, 15), () =>
        run(who, index, 'agree-resolution', {
          terms: `${owner.name} will ${topic.desired.toLowerCase()}.`,
          actions: withAction ? [{ description: topic.desired, ownerId: owner.id, dueDate: new Date(due).toISOString().slice(0, 10), clause: topic.clauses[0] }] : [],
        }),
      );
      if (withAction && random.chance(0.85)) add(after(15, 40), () => run(owner.officer, index, 'complete-action', { actionId: 'A1', evidence: 'Confirmed at CDG meeting' }));
    };
    const formal = () => {
      add(after(3, 12), () => run(C, index, 'lodge-formal', { grounds: `No agreement reached informally on: ${topic.summary.toLowerCase()}.` }));
      add(after(1, 5), () => run(R, index, 'acknowledge'));
      if (random.chance(0.2)) add(after(5, 15), () => run(R, index, 'extend-response-deadline', { workingDays: random.int(5, 10), reason: 'Cabinet decision needed' }));
      add(after(8, 24), () => run(R, index, 'respond', { response: `${respondent.name} has reviewed the complaint and sets out its position.` }));
    };
    const toCdg = () => add(after(3, 15), () => run(C, index, 'refer-to-cdg', { reason: 'The written response does not resolve the matter.' }));
    const panel = (finding: string) => {
      const members = { chairId: random.pick(panelChairs).personId, statutoryMemberId: random.pick(statutoryPanelists).personId, vcsMemberId: random.pick(vcsPanelists).personId };
      const conflicted = [complainant.id, respondent.id];
      if (conflicted.includes(byKey('police').id) || conflicted.includes(byKey('fire').id)) members.statutoryMemberId = statutoryPanelists.find((p) => !conflicted.includes(p.organisationId!))!.personId;
      if (conflicted.includes(byKey('arts').id) || conflicted.includes(byKey('sport').id)) members.vcsMemberId = vcsPanelists.find((p) => !conflicted.includes(p.organisationId!))!.personId;
      const chairPerson = panelChairs.find((p) => p.personId === members.chairId)!;
      add(after(2, 8), () => run(chair, index, 'choose-route', { route: 'panel', reason: 'Parties did not agree to mediate' }));
      add(after(1, 5), () => run(sec, index, 'appoint-panel', members));
      const hearing = after(8, 18);
      add(hearing, () => run(chairPerson, index, 'record-hearing', { heldOn: new Date(hearing).toISOString().slice(0, 10), summary: 'Both parties presented their case.' }));
      const due = new Date(workingMoment(t, 40, random)).toISOString().slice(0, 10);
      add(after(3, 9), () =>
        run(chairPerson, index, 'issue-findings', {
          finding,
          findings: `The panel finds the complaint ${finding.replace('-', ' ')}.`,
          recommendations: finding === 'not-upheld' ? [] : [{ description: topic.desired, ownerId: respondent.id, dueDate: due, clause: topic.clauses[0] }],
        }),
      );
      add(after(3, 12), () => run(C, index, 'respond-to-findings', { response: 'accept' }));
      const respondentAccepts = finding === 'not-upheld' || random.chance(0.7);
      add(after(2, 14), () => run(R, index, 'respond-to-findings', respondentAccepts ? { response: 'accept' } : { response: 'decline', reasons: 'Budget does not allow it this year.' }));
      if (finding !== 'not-upheld' && respondentAccepts) add(after(20, 40), () => run(R, index, 'complete-action', { actionId: 'R1', evidence: 'Reported to CDG' }));
      add(after(1, 5), () => run(sec, index, 'record-lesson', { lesson: `Early conversation about ${topic.clauses.join(' and ')} would have avoided a panel.`, clause: topic.clauses[0] }));
    };

    if (!urgent) {
      if (path === 'lateAck') add(after(9, 12), () => missDeadline(index, 'acknowledgement'));
      else add(after(1, 4), () => run(R, index, 'acknowledge'));
    } else {
      add(after(1, 3), () => run(R, index, 'acknowledge'));
      add(after(4, 10), () => run(R, index, 'respond', { response: 'Urgent response issued.' }));
      resolveWithAction(C, respondent);
      continue;
    }
    if (random.chance(0.3)) add(after(1, 5), () => run(C, index, 'add-note', { text: 'Meeting held between officers.', visibility: 'parties' }));

    switch (path) {
      case 'informal':
        resolveWithAction(C, respondent);
        break;
      case 'withdrawn':
        add(after(3, 15), () => run(C, index, 'withdraw', { reasonCode: random.pick(['resolved-outside', 'no-longer-relevant'] as const) }));
        break;
      case 'lateAck':
        add(after(1, 3), () => run(C, index, 'lodge-formal', { grounds: 'No acknowledgement within 5 working days.' }));
        add(after(1, 5), () => run(R, index, 'acknowledge'));
        add(after(8, 20), () => run(R, index, 'respond', { response: 'Apologies for the delay; our position follows.' }));
        resolveWithAction(C, respondent);
        break;
      case 'formal':
        formal();
        resolveWithAction(C, respondent);
        break;
      case 'suspended': {
        formal();
        const consentFrom = [complainant.id, respondent.id];
        add(after(2, 5), () => run(sec, index, 'suspend', { reason: 'Budget consultation under way', workingDays: 15, consentFrom }));
        add(after(8, 14), () => run(C, index, 'resume'));
        resolveWithAction(C, respondent);
        break;
      }
      case 'notPursued':
        formal();
        add(after(30, 34), () => missDeadline(index, 'complainant-decision'));
        break;
      case 'external':
        formal();
        add(after(5, 15), () => run(C, index, 'refer-externally', { body: 'local-government-ombudsman', reference: `LGO-${2000 + index}` }));
        add(after(40, 90), () => run(sec, index, 'record-external-outcome', { outcome: 'Ombudsman found fault and recommended an apology.' }));
        break;
      case 'mediation':
      case 'mediationFailed': {
        formal();
        toCdg();
        const mediator = random.pick(mediators);
        add(after(2, 8), () => run(chair, index, 'choose-route', { route: 'mediation', reason: 'Both parties agreed to mediate' }));
        add(after(1, 5), () => run(sec, index, 'appoint-mediator', { personId: mediator.personId }));
        const session = after(5, 12);
        add(session, () => run(mediator, index, 'record-session', { heldOn: new Date(session).toISOString().slice(0, 10), attendees: [complainant.name, respondent.name], summary: 'First mediation session.' }));
        if (path === 'mediation') resolveWithAction(mediator, respondent);
        else {
          add(after(5, 15), () => run(mediator, index, 'end-mediation', { summary: 'No agreement reached.' }));
          panel('partly-upheld');
        }
        break;
      }
      case 'upheld':
      case 'partly':
      case 'notUpheld':
        formal();
        toCdg();
        panel(path === 'upheld' ? 'upheld' : path === 'partly' ? 'partly-upheld' : 'not-upheld');
        break;
    }
  }

  // Replay the year in time order; steps after `until` are left undone, so recent cases stay open.
  steps.sort((a, b) => a.at - b.at || a.caseIndex - b.caseIndex);
  for (const step of steps) {
    if (step.at > until) continue;
    clock.set(new Date(step.at));
    await step.run();
  }
  clock.set(options.until);
  return { organisations: orgs.length, people: tokens.length, cases: caseIds.filter(Boolean).length, commands: commandCount, tokens };
}
