import fc from 'fast-check';
import { type DisputeCaseView, type Principal } from '#application';
import { AppError } from '#core';
import { addCalendarDays, type CaseCommandName, FINDINGS, londonDateOf } from '#domain';
import { CASES_PROJECTION } from '#projections';
import { type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';
import { dumpTables } from './table-dump.js';

/** Commands that end a case early or go sideways: picked one time in four, so histories reach the CDG stages too. */
const SIDE_COMMANDS = [
  'add-note',
  'record-lesson',
  'withdraw',
  'refer-externally',
  'record-external-outcome',
  'declare-conflict',
  'object-to-appointment',
  'suspend',
  'agree-resolution',
  'extend-deadline',
  'extend-response-deadline',
  'request-reopening',
];

type Step = { kind: 'act' | 'raise' | 'advance' | 'schedule'; n: number; choice: number; days: number };

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom<Step['kind']>('act', 'act', 'act', 'act', 'act', 'act', 'act', 'act', 'raise', 'advance', 'advance', 'schedule'),
  n: fc.nat(1_000),
  choice: fc.nat(1_000),
  days: fc.integer({ min: 1, max: 12 }),
});

/** A payload the command would accept in the case as it is (when the machine allows it at all). */
function payloadFor(name: string, v: DisputeCaseView, choice: number, today: string, c: Compact, spare: Principal): Record<string, unknown> | null {
  const parties = [v.complainantId, ...v.respondentIds];
  const openAction = v.actions.find((a) => a.status === 'open');
  const appointee = v.mediatorId ?? v.panel?.chairId;
  const actions = (days: number) =>
    choice % 2 === 1 ? [{ description: 'Do it', ownerId: v.respondentIds[0], dueDate: addCalendarDays(today, days) }] : [];
  switch (name) {
    case 'acknowledge':
    case 'resume':
      return {};
    case 'lodge-formal':
      return { grounds: 'Stalled' };
    case 'extend-response-deadline':
      return { workingDays: 1 + (choice % 10), reason: 'Cabinet' };
    case 'respond':
      return { response: 'Policy' };
    case 'refer-to-cdg':
      return { reason: 'Unanswered' };
    case 'choose-route':
      return { route: choice % 2 === 0 ? 'mediation' : 'panel', consentFrom: parties };
    case 'appoint-mediator':
      return { personId: c.mediator.personId };
    case 'appoint-panel':
      return {
        chairId: c.panelChair.personId,
        statutoryMemberId: c.panelStatutory.personId,
        // The usual VCS panelist belongs to a party in some cases (the machine would refuse the conflict).
        vcsMemberId: parties.includes(c.group) ? spare.personId : c.panelVcs.personId,
      };
    case 'declare-conflict':
      return { interest: 'Former employee' };
    case 'object-to-appointment':
      return appointee ? { personId: appointee, grounds: 'Too close' } : null;
    case 'rule-on-objection': {
      const pending = v.objections.find((o) => o.status === 'pending');
      return pending ? { personId: pending.personId, upheld: choice % 2 === 0, reason: 'Ruled' } : null;
    }
    case 'record-session':
      return { heldOn: today, attendees: ['Both parties'], summary: 'Met' };
    case 'end-mediation':
      return { summary: 'No agreement' };
    case 'record-hearing':
      return { heldOn: today, summary: 'Heard' };
    case 'issue-findings':
      return { finding: FINDINGS[choice % 3], findings: 'Found', recommendations: actions(15) };
    case 'respond-to-findings':
      return { response: ['accept', 'partly-accept', 'decline'][choice % 3], reasons: 'Because' };
    case 'agree-resolution':
      return { terms: 'Agreed', actions: actions(10) };
    case 'complete-action':
      return openAction ? { actionId: openAction.actionId } : null;
    case 'vary-action':
      return openAction ? { actionId: openAction.actionId, dueDate: addCalendarDays(today, 20), reason: 'Moved' } : null;
    case 'suspend':
      return { reason: 'Review', workingDays: 1 + (choice % 8), consentFrom: parties, ...(v.panel ? { panelChairConsent: true } : {}) };
    case 'extend-deadline':
      return { workingDays: 1 + (choice % 5), reason: 'Papers', consentFrom: parties };
    case 'withdraw':
      return { reasonCode: 'no-longer-relevant' };
    case 'refer-externally':
      return { body: 'independent-mediation' };
    case 'record-external-outcome':
      return { outcome: 'Mediated' };
    case 'request-reopening':
      return { grounds: choice % 2 === 0 && v.actions.some((a) => a.status === 'missed') ? 'action-not-delivered' : 'new-evidence', reason: 'Evidence' };
    case 'decide-reopening':
      return { granted: choice % 2 === 0, reason: 'Decided' };
    case 'add-note':
      return { text: 'Note' };
    case 'record-lesson':
      return { lesson: 'Lesson' };
    default:
      return null;
  }
}

async function play(engine: Engine, c: Compact, steps: readonly Step[]): Promise<string[]> {
  const trust = await engine.organisation('Histon Youth Trust', 'vcs', 'charity');
  const spare = await engine.person('Panelist youth trust', ['panelist'], trust);
  const actors: Principal[] = [
    spare,
    c.charityOfficer,
    c.groupOfficer,
    c.councilOfficer,
    c.countyOfficer,
    c.secretariat,
    c.chair,
    c.mediator,
    c.panelChair,
    c.panelStatutory,
    c.panelVcs,
  ];
  const cases: string[] = [];
  const today = () => londonDateOf(engine.clock.now().toISOString());
  const ignoreRefusals = (error: unknown) => {
    if (!(error instanceof AppError)) throw error;
  };
  for (const s of steps) {
    if (s.kind === 'advance') {
      engine.clock.set(new Date(engine.clock.now().getTime() + s.days * 86_400_000));
    } else if (s.kind === 'schedule') {
      await engine.scheduler.runOnce();
    } else if (s.kind === 'raise' || cases.length === 0) {
      const shapes: [Principal, string[], boolean][] = [
        [c.charityOfficer, [c.council], false],
        [c.groupOfficer, [c.county], false],
        [c.charityOfficer, [c.council, c.county], false],
        [c.groupOfficer, [c.council], true],
      ];
      const [who, respondents, urgent] = shapes[s.choice % shapes.length]!;
      const body = grievance(respondents, {
        clauses: s.n % 2 === 0 ? ['3.2'] : ['3.4', '4.1'],
        ...(urgent ? { urgent: true, dates: { changeEffective: addCalendarDays(today(), 30) } } : {}),
      });
      await engine.raise(who, body).then((r) => cases.push(r.id), ignoreRefusals);
    } else {
      const caseId = cases[s.n % cases.length]!;
      const options: [Principal, CaseCommandName, DisputeCaseView][] = [];
      for (const actor of actors) {
        const view = await engine.view(actor, caseId).catch(() => null);
        for (const name of view?.allowed ?? []) if (name !== 'add-evidence') options.push([actor, name, view!]);
      }
      // Mostly move the case on: side commands (notes, withdrawal, ...) only now and then.
      const onward = options.filter(([, name]) => !SIDE_COMMANDS.includes(name));
      const pool = s.n % 4 !== 0 && onward.length > 0 ? onward : options;
      const names = [...new Set(pool.map(([, name]) => name))];
      const chosen = names[s.choice % Math.max(1, names.length)];
      const forName = pool.filter(([, name]) => name === chosen);
      const picked = forName[Math.floor(s.choice / Math.max(1, names.length)) % Math.max(1, forName.length)];
      if (!picked) continue;
      const [actor, name, view] = picked;
      const payload = payloadFor(name, view, s.choice, today(), c, spare);
      if (payload) await engine.run(actor, caseId, name, payload).catch(ignoreRefusals);
    }
  }
  return cases;
}

describe('the read models after a randomised history', () => {

  it('equal a rebuild from scratch, table for table and row for row, and agree with the cases folded from their streams', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 30, maxLength: 100 }), async (steps) => {
        const engine = await startEngine();
        try {
          const c = await seedCompact(engine);
          const cases = await play(engine, c, steps);
          await engine.settle();

          // The projection agrees with the live fold of each stream.
          const book = await engine.settledBook();
          const db = engine.readModels.db(CASES_PROJECTION);
          for (const caseId of cases) {
            const view = await engine.view(c.secretariat, caseId);
            const row = db.prepare('SELECT state, stage, revision FROM cases WHERE case_id = ?').get(caseId);
            expect(row).toEqual({ state: view.state, stage: view.stage, revision: Number(view.revision) });
            expect(book.deadlines(caseId).map((d) => [d.deadlineId, d.dueOn, d.status]).sort()).toEqual(
              view.deadlines
                .filter((d) => d.status === 'open' || d.status === 'paused')
                .map((d) => [d.id, d.dueOn, d.status])
                .sort(),
            );
          }
          for (const status of await engine.readModels.status()) expect(status).toMatchObject({ lag: 0n, failures: 0 });

          const live = Object.fromEntries(engine.readModels.names.map((n) => [n, dumpTables(engine.readModels.db(n))]));
          for (const name of engine.readModels.names) await engine.readModels.rebuild(name);
          const rebuilt = Object.fromEntries(engine.readModels.names.map((n) => [n, dumpTables(engine.readModels.db(n))]));
          expect(rebuilt).toEqual(live);
          expect(Object.keys(live['cases'] ?? {})).toEqual(
            expect.arrayContaining(['cases', 'case_clauses', 'deadlines', 'agreed_actions', 'suspensions', 'work_items']),
          );
        } finally {
          await engine.destroy();
        }
      }),
      { numRuns: 7, endOnFailure: true },
    );
  });
});
