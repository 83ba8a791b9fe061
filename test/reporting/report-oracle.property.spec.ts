import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createCalendar, reportModelAsOf } from '#application';
import { allowedCommands, type DisputeCommandName, type DisputeMachineEvent, schemaVersionOf } from '#domain';
import { type EventStore, SqliteEventStore } from '#event-store';
import { applyBatch, createReportProjection, openReadModelFile, prepareProjectionFile, ReportReadModel } from '#projections';
import { type AnnualReport, buildAnnualReport } from '#reporting';
import { AppError } from '#core';
import { ACTORS, type ActorName, DisputeScenario, ORGS } from '../../libs/domain/src/dispute/testing/dispute-scenario.js';
import { plausibleCommand } from '../../libs/domain/src/dispute/testing/plausible-payloads.js';
import { oracleFigures } from './report-oracle.js';
import { figuresOf } from './report-support.js';

/**
 * The report read model against an independent recomputation from the raw log (report-oracle.ts),
 * on random but plausible histories of several cases, written to a real SQLite event store with
 * the metadata the application writes. Also: applying the log one event per batch gives the same
 * report as large batches, and a report as of an earlier position equals the oracle on the log cut there.
 */

const calendar = createCalendar();
const MOVERS: ActorName[] = ['complainant', 'respondent', 'secretariat', 'chair', 'mediator', 'panelChair', 'statutoryPanelist', 'vcsPanelist'];

const SIDE_STEPS: readonly DisputeCommandName[] = ['add-note', 'add-evidence', 'record-lesson', 'withdraw', 'refer-externally', 'agree-resolution', 'suspend', 'extend-deadline', 'vary-action'];

const stepArb = fc.record({
  command: fc.nat({ max: 999 }),
  variant: fc.nat({ max: 9 }),
  pick: fc.nat({ max: 999 }),
  days: fc.integer({ min: 0, max: 25 }),
  hours: fc.integer({ min: 0, max: 23 }),
});
const caseArb = fc.record({
  // From March 2024 to March 2026: the year ends of 2023, 2024 and 2025, two BST changes, every bank holiday.
  startDay: fc.integer({ min: 0, max: 760 }),
  hour: fc.integer({ min: 6, max: 22 }),
  urgent: fc.boolean(),
  /** Where the random part starts: freshly raised, or walked along the standard story first. */
  start: fc.constantFrom('raised', 'formal.awaitingDecision', 'cdg.triage', 'cdg.panel.deliberation', 'actionsOpen'),
  steps: fc.array(stepArb, { minLength: 0, maxLength: 22 }),
});

/** A plausible history: mostly what someone is offered, a missed deadline or action when one is overdue. */
type CaseSpec = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function historyOf(index: number, spec: CaseSpec): DisputeMachineEvent[] {
  const start = new Date(Date.parse('2024-03-01T00:00:00Z') + spec.startDay * 86_400_000 + spec.hour * 3_600_000).toISOString();
  const s = new DisputeScenario(start);
  const changeEffective = new Date(Date.parse(start) + 30 * 86_400_000).toISOString().slice(0, 10);
  s.raise({
    caseId: `case-${index}`,
    clauses: index % 3 === 0 ? ['3.2', '4.1'] : index % 3 === 1 ? ['3.4'] : ['2.6'],
    ...(spec.urgent ? { urgent: true, dates: { changeEffective, noticeReceived: s.today } } : { dates: { consultationOpened: s.today, consultationClosed: changeEffective } }),
  });
  if (spec.start !== 'raised') s.upTo(spec.start as 'cdg.triage');
  for (const st of spec.steps) {
    s.advance(st.days + st.hours / 24);
    const offered: { actorName: ActorName; name: DisputeCommandName }[] = MOVERS.flatMap((actorName) =>
      allowedCommands(s.current, ACTORS[actorName], s.at).map((name) => ({ actorName, name })),
    );
    if (s.context.deadlines.some((d) => d.status === 'open' && d.dueOn < s.today)) offered.push({ actorName: 'system', name: 'record-missed-deadline' as DisputeCommandName });
    if (s.context.actions.some((a) => a.status === 'open' && a.checkOn <= s.today)) offered.push({ actorName: 'system', name: 'record-missed-action' as DisputeCommandName });
    // Mostly a step forward, so that histories reach the CDG stage and its outcomes.
    const forward = offered.filter((o) => !SIDE_STEPS.includes(o.name));
    const pool = forward.length > 0 && st.variant < 7 ? forward : offered;
    const choice = pool[st.command % Math.max(1, pool.length)];
    if (!choice) continue;
    const command = plausibleCommand(choice.name, s.context, ACTORS[choice.actorName], s.today, st.variant, st.pick);
    try {
      s.run(choice.actorName, command);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return s.log;
}

async function storeOf(histories: readonly DisputeMachineEvent[][]): Promise<EventStore> {
  // A real SQLite store, in memory: the same adapter as on disk, without an fsync per event.
  const store = SqliteEventStore.open({ filename: ':memory:' });
  for (const o of Object.values(ORGS)) {
    await store.append(`organisation-${o.organisationId}`, [{ id: randomUUID(), type: 'OrganisationSigned', data: { organisationId: o.organisationId, name: `Org ${o.organisationId}`, sector: o.sector, type: o.type }, metadata: { schemaVersion: 1, actor: ACTORS.admin, occurredAt: '2020-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', commandId: 'c', command: 'sign' } }], 'any');
  }
  // The whole Compact's log in time order, as the clock would have written it.
  const all = histories.flatMap((events, c) => events.map((e, i) => ({ e, c, i })));
  all.sort((a, b) => a.e.at.localeCompare(b.e.at) || a.c - b.c || a.i - b.i);
  for (const { e } of all) {
    const caseId = (histories.find((h) => h.includes(e))![0]!.data as { caseId: string }).caseId;
    await store.append(`dispute-${caseId}`, [{
      id: randomUUID(),
      type: e.type,
      data: e.data as never,
      metadata: { schemaVersion: schemaVersionOf(e.type), caseId, actor: e.actor as never, occurredAt: new Date(e.at).toISOString(), correlationId: 'c', causationId: 'c', commandId: 'c', command: e.type },
    }], 'any');
  }
  return store;
}

function cdgReport(model: ReportReadModel, year: number): AnnualReport {
  const { position, source } = model.read(year);
  return buildAnnualReport(source, { year, edition: 'cdg', logPosition: position, engineVersion: 'test', calendar: calendar.version });
}

/** The report's numbers as table/row/column, without its text and the per-organisation names. */
const numbersOf = (report: AnnualReport) => Object.fromEntries(Object.entries(figuresOf(report)).filter(([k]) => !k.startsWith('lesson-texts/')));

/** How many years of the runs had each of these figures above nought: the histories must reach them. */
const seen: Record<string, number> = {
  'summary/cases-closed/this-year': 0,
  'summary/open-at-year-end/this-year': 0,
  'working-days/stage-3/cases': 0,
  'deadlines/all/missed': 0,
  'agreed-actions/all/actions': 0,
  'outcomes/upheld/cases': 0,
  'summary/suspensions/this-year': 0,
  'summary/reopening-requests/this-year': 0,
  'summary/extensions/this-year': 0,
  'summary/lessons/this-year': 0,
};

describe('the report read model against a recomputation from the raw log', () => {
  afterAll(() => {
    // The random histories reach every part of the report (else the comparison proves little).
    expect(Object.entries(seen).filter(([, n]) => n === 0).map(([k]) => k)).toEqual([]);
  });

  it('agrees on every figure of every year, one event per batch or many, and as of any earlier position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 5 }), fc.nat({ max: 1000 }), async (specs, cut) => {
        const store = await storeOf(specs.map((spec, i) => historyOf(i, spec)));
        try {
          const events = await store.readAll({ limit: 100_000 });
          const head = await store.headPosition();
          const batched = await reportModelAsOf(store, calendar, head);

          // One event per batch, as a live runner applies a trickle of appends.
          const db = openReadModelFile(':memory:');
          const projection = createReportProjection(calendar);
          prepareProjectionFile(db, projection);
          for (const e of events) applyBatch(db, projection, [e]);
          const oneByOne = new ReportReadModel(() => db);

          for (const year of [2023, 2024, 2025]) {
            const report = cdgReport(batched.model, year);
            const n = numbersOf(report);
            for (const key of Object.keys(seen)) if (typeof n[key] === 'number' && (n[key] as number) > 0) seen[key] = (seen[key] ?? 0) + 1;
            expect(numbersOf(report)).toEqual(Object.fromEntries(oracleFigures(events, year)));
            expect(cdgReport(oneByOne, year)).toEqual(report);
          }

          const asOf = BigInt(Math.min(Number(head), 1 + (cut % Number(head))));
          const earlier = await reportModelAsOf(store, calendar, asOf);
          const cutLog = events.filter((e) => e.position <= asOf);
          for (const year of [2024, 2025]) expect(numbersOf(cdgReport(earlier.model, year))).toEqual(Object.fromEntries(oracleFigures(cutLog, year)));
          earlier.close();
          batched.close();
          db.close();
        } finally {
          await store.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
