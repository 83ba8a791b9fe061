import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import {
  type CaseCommandRequest,
  AnnualReportQueries,
  CLOCK,
  createCalendar,
  type Principal,
  RaiseDispute,
  RegisterPerson,
  RunDisputeCommand,
  SettableClock,
  SignOrganisation,
} from '#application';
import { type CaseCommandName } from '#domain';
import { EVENT_STORE, type EventStore, type EventToAppend, type RecordedEvent, SqliteEventStore } from '#event-store';
import { createReportProjection, REPORT_PROJECTION, ReadModels } from '#projections';
import { renderReport } from '#web';
import { startBenchEngine } from './bus-cast.js';
import { median } from './stats.js';

const ADMIN: Principal = { personId: 'bench-admin', name: 'Bench', roles: ['admin'], organisationId: null };
const READER: Principal = { personId: 'bench-reader', name: 'Bench', roles: ['secretariat'], organisationId: null };
const DAY = 86_400_000;
const TEMPLATES = 48;

export interface ReportBenchRow {
  readonly cases: number;
  readonly events: number;
  readonly catchUpPerSecond: number;
  /** Median milliseconds to answer the report (read model to bytes), by edition and format. */
  readonly renderMs: Readonly<Record<string, number>>;
  /** The same run's baseline: one SELECT of the year's sums from the report file, in ms. */
  readonly baselineMs: number;
}

/** A weekday at 10:00 UTC, `days` after `from`. */
function weekday(from: number, days: number): Date {
  const d = new Date(from + days * DAY);
  d.setUTCHours(10, 0, 0, 0);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/**
 * Real case histories through the command path, all raised in reporting year 2025 at different
 * dates and paces: withdrawn at stage 1, resolved informally with an action, resolved at the
 * formal stage after an extension, a lesson now and then. Answers their streams.
 */
async function templateHistories(dir: string): Promise<RecordedEvent[][]> {
  const app = await startBenchEngine(dir);
  const bus = app.get(CommandBus);
  const clock = app.get<SettableClock>(CLOCK);
  clock.set('2025-04-01T09:00:00Z');
  const orgs: { id: string; officer: Principal }[] = [];
  const types = ['district council', 'charity', 'NHS trust', 'community group', 'parish council', 'charitable trust'];
  for (let i = 0; i < 12; i++) {
    const sector = i % 2 === 0 ? 'statutory' : 'vcs';
    const id = (await bus.execute(new SignOrganisation(ADMIN, { name: `Organisation ${i}`, sector, type: types[i % types.length]! }))).id;
    const r = await bus.execute(new RegisterPerson(ADMIN, { name: `Officer ${i}`, email: `officer${i}@bench.invalid`, roles: ['partner'], organisationId: id }));
    orgs.push({ id, officer: { personId: r.id, name: `Officer ${i}`, roles: ['partner'], organisationId: id } });
  }
  const secretariat = await bus.execute(new RegisterPerson(ADMIN, { name: 'Secretariat', email: 'sec@bench.invalid', roles: ['secretariat'] }));
  const sec: Principal = { personId: secretariat.id, name: 'Secretariat', roles: ['secretariat'], organisationId: null };
  const clauses = [['3.2'], ['3.4'], ['3.3'], ['2.6', '4.1'], ['4.2']];
  const ids: string[] = [];
  for (let t = 0; t < TEMPLATES; t++) {
    const start = Date.parse('2025-04-07T10:00:00Z') + (t % 24) * 9 * DAY;
    const complainant = orgs[(t * 2 + 1) % orgs.length]!;
    const respondent = orgs[(t * 2) % orgs.length]!;
    let at = weekday(start, 0).getTime();
    const step = async (days: number, run: () => Promise<unknown>) => {
      at = weekday(at, days).getTime();
      clock.set(new Date(at));
      await run();
    };
    clock.set(new Date(at));
    const { id } = await bus.execute(
      new RaiseDispute(complainant.officer, { respondentIds: [respondent.id], clauses: clauses[t % clauses.length]!, summary: 's', details: 'd', desiredOutcome: 'o' }),
    );
    ids.push(id);
    const cmd = (who: Principal, name: CaseCommandName, payload: Record<string, unknown> = {}) => () =>
      bus.execute(new RunDisputeCommand(who, id, { name, payload } as CaseCommandRequest));
    await step(1 + (t % 4), cmd(respondent.officer, 'acknowledge'));
    if (t % 8 === 0) await step(2, cmd(sec, 'record-lesson', { lesson: `Lesson ${t}`, clause: clauses[t % clauses.length]![0] }));
    switch (t % 3) {
      case 0:
        await step(3 + (t % 11), cmd(complainant.officer, 'withdraw', { reasonCode: 'resolved-outside' }));
        break;
      case 1: {
        const due = weekday(at, 25).toISOString().slice(0, 10);
        await step(5 + (t % 13), cmd(complainant.officer, 'agree-resolution', { terms: 't', actions: [{ description: 'a', ownerId: respondent.id, dueDate: due }] }));
        await step(10 + (t % 20), cmd(respondent.officer, 'complete-action', { actionId: 'A1' }));
        break;
      }
      default:
        await step(4 + (t % 9), cmd(complainant.officer, 'lodge-formal', { grounds: 'g' }));
        await step(1 + (t % 3), cmd(respondent.officer, 'acknowledge'));
        if (t % 4 === 2) await step(3, cmd(respondent.officer, 'extend-response-deadline', { workingDays: 5, reason: 'r' }));
        await step(8 + (t % 12), cmd(respondent.officer, 'respond', { response: 'r' }));
        await step(2 + (t % 10), cmd(complainant.officer, 'agree-resolution', { terms: 't', actions: [] }));
    }
  }
  const store = app.get<EventStore>(EVENT_STORE);
  const directory = (await store.readAll({ limit: 100_000 })).filter((e) => e.streamId.startsWith('organisation-'));
  const histories = [directory, ...(await Promise.all(ids.map((id) => store.readStream(`dispute-${id}`))))];
  await app.close();
  return histories;
}

/** Seeds `cases` copies of the templates (fresh ids, same facts) straight into a store, then times the report. */
async function measureReportAt(dir: string, cases: number, templates: RecordedEvent[][]): Promise<ReportBenchRow> {
  const [directory, ...stories] = templates;
  mkdirSync(dir, { recursive: true });
  const store = SqliteEventStore.open({ filename: join(dir, 'events.sqlite') });
  for (const e of directory!) await store.append(e.streamId, [{ id: randomUUID(), type: e.type, data: e.data, metadata: e.metadata }], 'any');
  const appends: Promise<unknown>[] = [];
  for (let i = 0; i < cases; i++) {
    const template = stories[i % stories.length]!;
    const caseId = randomUUID();
    const copy: EventToAppend[] = template.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.type === 'DisputeRaised' ? { ...e.data, caseId } : e.data,
      metadata: { ...e.metadata, caseId },
    }));
    appends.push(store.append(`dispute-${caseId}`, copy, 'no_stream'));
    if (appends.length >= 2_000) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
  const head = await store.headPosition();

  const calendar = createCalendar();
  const readModels = new ReadModels(store, dir, [createReportProjection(calendar)]);
  const caughtUp = performance.now();
  readModels.start();
  await readModels.waitFor(head, 3_600_000);
  const catchUpSeconds = (performance.now() - caughtUp) / 1000;

  const queries = new AnnualReportQueries(readModels, store, new SettableClock('2026-06-01T10:00:00Z'), calendar);
  const renderMs: Record<string, number> = {};
  for (const edition of ['cdg', 'public'] as const) {
    for (const format of ['json', 'csv', 'html'] as const) {
      const times: number[] = [];
      for (let round = 0; round < 7; round++) {
        const started = performance.now();
        renderReport(await queries.report(READER, { year: 2025, edition }), format);
        times.push(performance.now() - started);
      }
      renderMs[`${edition} ${format}`] = median(times);
    }
  }
  const file = new Database(join(dir, `${REPORT_PROJECTION}.sqlite`), { readonly: true });
  const select = file.prepare("SELECT year, metric, dim1, dim2, value FROM report_totals WHERE year IN (2025, 2024) OR (year <= 2025 AND metric LIKE 'level.%')");
  const baseline: number[] = [];
  for (let round = 0; round < 7; round++) {
    const started = performance.now();
    select.all();
    baseline.push(performance.now() - started);
  }
  file.close();
  await readModels.stop();
  await store.close();
  return { cases, events: Number(head), catchUpPerSecond: Number(head) / catchUpSeconds, renderMs, baselineMs: median(baseline) };
}

/** `npm run bench`, the annual report: how the time to answer a year grows with the cases in it. */
export async function benchAnnualReport(dir: string, sizes: readonly number[]): Promise<ReportBenchRow[]> {
  const templates = await templateHistories(join(dir, 'templates'));
  const rows: ReportBenchRow[] = [];
  for (const cases of sizes) rows.push(await measureReportAt(join(dir, `report-${cases}`), cases, templates));
  return rows;
}

export const REPORT_TEMPLATES = TEMPLATES;
