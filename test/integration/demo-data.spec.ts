import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applicationProjections, createCalendar, GetDispute, SYSTEM_PRINCIPAL } from '#application';
import { checkProjections } from '#audit';
import { type AppSettings, loadSettings } from '#config';
import { OUTCOMES, stateNameOf } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { replayDemoPlan } from '../../apps/cli/src/demo/demo-check.js';
import { prepareDemo } from '../../apps/cli/src/demo/demo-command.js';
import { planDemo } from '../../apps/cli/src/demo/demo-plan.js';
import { type Engine, startEngine } from '../support/engine.js';

/** A Tuesday evening after the cut-off: the loader before this fix refused `lodge-formal` here. */
const NOW = '2026-11-17T18:48:00.000Z';

const settingsFor = (dataDir: string): AppSettings => loadSettings({ DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });

/** Every file under a directory with a hash of its bytes: "untouched" means this does not change. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[path.slice(dir.length)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const quiet = { log: () => undefined };

describe('the demo data set, loaded for real', () => {
  const calendar = createCalendar();
  const root = mkdtempSync(join(tmpdir(), 'compact-demo-'));
  const dataDir = join(root, 'data');
  const plan = planDemo(NOW, { calendar });
  let tokens: Awaited<ReturnType<typeof prepareDemo>>;
  let engine: Engine;
  let loadedEvents: number;

  beforeAll(async () => {
    tokens = await prepareDemo(settingsFor(dataDir), new Date(NOW), quiet);
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    loadedEvents = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    db.close();
    // The server started at that instant: the same files, the real clock standing at NOW.
    engine = await startEngine({ dataDir, start: NOW });
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('loads every case through the command path to where the plan meant it, as the pure engine replays it', async () => {
    expect(readdirSync(root)).toEqual(['data']);
    expect(plan.directory.organisations).toHaveLength(27);
    expect(plan.cases.length).toBeGreaterThan(90);
    const replayed = replayDemoPlan(plan, calendar);
    const outcomes = new Set<string>();
    for (const planned of plan.cases) {
      const view = await engine.queries.execute(new GetDispute(SYSTEM_PRINCIPAL, planned.id));
      const pure = replayed.get(planned.index)!;
      expect({ case: planned.index, state: view.state, outcome: view.outcome }).toEqual({ case: planned.index, state: planned.end.state, outcome: planned.end.outcome });
      expect(view.state).toBe(stateNameOf(pure));
      if (view.outcome) outcomes.add(view.outcome);
    }
    for (const outcome of OUTCOMES) expect(outcomes).toContain(outcome);
  });

  it('leaves nothing for the deadline scheduler of a server started at that instant', async () => {
    expect(await engine.readModels.waitFor(BigInt(loadedEvents), 60_000)).toBe(true);
    const report = await engine.scheduler.runOnce();
    expect(report).toMatchObject({ missedDeadlines: 0, missedActions: 0, resumed: 0, refused: 0, failed: 0 });
    expect(await engine.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(BigInt(loadedEvents));
  });

  it('holds read models equal to a rebuild from the log, as an auditor checks them', async () => {
    expect(await engine.readModels.waitFor(BigInt(loadedEvents), 60_000)).toBe(true);
    const check = await checkProjections(engine.app.get<EventStore>(EVENT_STORE), dataDir, applicationProjections(calendar), { scratchDir: root });
    expect({ cases: check.cases, others: check.others }).toEqual({ cases: [], others: [] });
    expect(check.ok).toBe(true);
  });

  it('dates every event in log order, none after now', async () => {
    const events = await engine.app.get<EventStore>(EVENT_STORE).readAll({ limit: 100_000 });
    const times = events.map((e) => String(e.metadata['occurredAt']));
    expect([...times].sort()).toEqual(times);
    expect(times[times.length - 1]! <= NOW).toBe(true);
  });

  it('starts the same demo again on a second run, with the tokens it printed the first time', async () => {
    await engine.stop();
    const before = fingerprint(dataDir);
    const lines: string[] = [];
    expect(await prepareDemo(settingsFor(dataDir), new Date(), { log: (l) => lines.push(l) })).toEqual(tokens);
    expect(lines).toEqual([`The demo is already loaded in ${dataDir}; starting it again.`]);
    expect(fingerprint(dataDir)).toEqual(before);
    engine = await startEngine({ dataDir, start: NOW });
  });
});

describe('the demo refuses a data directory it did not load', () => {
  const root = mkdtempSync(join(tmpdir(), 'compact-demo-refusals-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const refused = async (dataDir: string): Promise<string> => {
    const before = fingerprint(dataDir);
    const error = await prepareDemo(settingsFor(dataDir), new Date(NOW), quiet).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).not.toBeNull();
    expect(fingerprint(dataDir)).toEqual(before);
    expect(readdirSync(root).filter((n) => n.includes('.loading-'))).toEqual([]);
    return error!.message;
  };

  it('names the events it found in a half-loaded directory, and says what to do', async () => {
    const dataDir = join(root, 'half-loaded');
    const engine = await startEngine({ dataDir, start: '2026-03-02T10:00:00Z' });
    await engine.organisation('A signatory', 'vcs', 'charity');
    await engine.stop();
    const message = await refused(dataDir);
    expect(message).toContain(`${dataDir} holds events.sqlite (1 event) but no demo-tokens.json: a half-loaded demo, or the data of another installation.`);
    expect(message).toContain('it has not touched this one. Move it away');
    expect(message).toContain('DATA_DIR=./demo-data npm run demo');
  });

  it('says when the event store cannot be read', async () => {
    const dataDir = join(root, 'unreadable');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'events.sqlite'), 'not a database, just some text that is long enough');
    writeFileSync(join(dataDir, 'demo-tokens.json'), '[]');
    expect(await refused(dataDir)).toContain('holds demo-tokens.json, but its events.sqlite cannot be read as an event store (file is not a database)');
  });

  it('names the files of another kind of directory', async () => {
    const dataDir = join(root, 'other');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    expect(await refused(dataDir)).toContain(`${dataDir} holds notes.txt and no demo.`);
  });

  it('leaves nothing behind when a step fails, and names the case, the step and the instant', async () => {
    const plan = planDemo(NOW, { calendar: createCalendar() });
    const index = plan.steps.findIndex((s, i) => i > plan.steps.length / 2 && s.label === 'respond');
    const step = plan.steps[index]!;
    const broken = { ...plan, steps: plan.steps.map((s, i) => (i === index ? { ...s, command: { name: 'acknowledge' as const, payload: {} } } : s)) };
    const dataDir = join(root, 'failed');
    const error = await prepareDemo(settingsFor(dataDir), new Date(NOW), { ...quiet, plan: broken }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`Demo case ${step.caseIndex} (${plan.cases[step.caseIndex]!.story}), step ${step.stepIndex + 1} "respond" (acknowledge by `);
    expect(error?.message).toContain(`at ${step.at}, in the demo planned as of ${NOW}: acknowledge is not allowed while the case is in formal.awaitingResponse.`);
    expect(existsSync(dataDir)).toBe(false);
    expect(readdirSync(root).filter((n) => n.startsWith('failed'))).toEqual([]);
  }, 60_000);
});
