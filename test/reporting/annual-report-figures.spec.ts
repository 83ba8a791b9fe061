import { RunSystemCommand } from '#application';
import { FEWER_THAN_3, reportCsv, reportJson, WITHHELD } from '#reporting';
import { renderAnnualReportPage } from '#web';
import { EVENT_STORE, type EventStore } from '#event-store';
import { type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';
import { oracleFigures } from './report-oracle.js';
import { cell, columnOf, figuresOf, reportOf, tableOf } from './report-support.js';

/**
 * Every figure of the annual report on small histories computed by hand, through the real command
 * bus, SQLite files and the report read model. Reporting year 2025 is 1 April 2025 to 31 March 2026.
 */

async function missDeadline(engine: Engine, caseId: string, step: string) {
  const view = await engine.view({ personId: 'system', name: 'System', roles: ['system'], organisationId: null }, caseId);
  const deadline = view.deadlines.find((d) => d.step === step && d.status === 'open');
  if (!deadline) throw new Error(`no open ${step} deadline`);
  await engine.commands.execute(new RunSystemCommand(caseId, { name: 'record-missed-deadline', payload: { deadlineId: deadline.id } }));
}

describe('the annual report, figure by figure', () => {
  describe('a year with no cases', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await startEngine({ start: '2026-05-01T10:00:00Z' });
      await seedCompact(engine);
    });
    afterAll(() => engine.destroy());

    it('counts nothing in the CDG edition: zeros, and no median of nothing', async () => {
      const report = await reportOf(engine, 2025);
      expect(columnOf(report, 'summary', 'this-year')).toEqual({
        'cases-opened': 0,
        'cases-closed': 0,
        'open-at-year-end': 0,
        'urgent-track': 0,
        'median-days-to-closure': null,
        'p90-days-to-closure': null,
        'deadlines-met': null,
        'actions-on-time': null,
        extensions: 0,
        suspensions: 0,
        'reopening-requests': 0,
        lessons: 0,
        'notice-not-met': 0,
        'consultation-not-met': 0,
      });
      expect(tableOf(report, 'clauses')).toEqual({ all: { clause: 'All citations', description: '', opened: 0, closed: 0, 'open-at-year-end': 0 } });
      expect(report.yearComplete).toBe(true);
    });

    it('shows every count as "fewer than 3" in the public edition, and no figure derived from them', async () => {
      const report = await reportOf(engine, 2025, 'public');
      const summary = columnOf(report, 'summary', 'this-year');
      expect(summary['cases-opened']).toBe(FEWER_THAN_3);
      expect(summary['median-days-to-closure']).toBe(WITHHELD);
      expect(summary['deadlines-met']).toBe(WITHHELD);
      expect(columnOf(report, 'summary', 'change')['cases-opened']).toBe(WITHHELD);
      expect(new Set(Object.values(columnOf(report, 'outcomes', 'cases')))).toEqual(new Set([FEWER_THAN_3]));
      // A breakdown of fewer than 3 cases by clause would give the clauses away: left empty.
      expect(cell(report, 'clauses', 'all', 'opened')).toBeNull();
    });
  });

  describe('a case that spans two reporting years, with London dates either side of the clock change', () => {
    let engine: Engine;
    let compact: Compact;
    beforeAll(async () => {
      engine = await startEngine({ start: '2025-03-27T10:00:00Z' });
      compact = await seedCompact(engine);
      const { id } = await engine.raise(compact.charityOfficer, grievance([compact.council]));
      // 22:30 UTC on 31 March 2025 is 23:30 BST: still 31 March, still reporting year 2024.
      engine.at('2025-03-31T22:30:00Z');
      await engine.run(compact.councilOfficer, id, 'acknowledge');
      // 23:30 UTC is 00:30 BST on 1 April: reporting year 2025 (in UTC it would still be 31 March).
      engine.at('2025-03-31T23:30:00Z');
      await engine.run(compact.charityOfficer, id, 'lodge-formal', { grounds: 'No agreement' });
      engine.at('2025-04-10');
      await engine.run(compact.charityOfficer, id, 'withdraw', { reasonCode: 'no-longer-relevant' });
      engine.at('2026-05-01');
    });
    afterAll(() => engine.destroy());

    it('counts it opened and open at the end of 2024, closed in 2025', async () => {
      const y2024 = await reportOf(engine, 2024);
      const y2025 = await reportOf(engine, 2025);
      expect(columnOf(y2024, 'summary', 'this-year')).toMatchObject({ 'cases-opened': 1, 'cases-closed': 0, 'open-at-year-end': 1 });
      expect(columnOf(y2025, 'summary', 'this-year')).toMatchObject({ 'cases-opened': 0, 'cases-closed': 1, 'open-at-year-end': 0 });
      expect(columnOf(y2025, 'summary', 'change')).toMatchObject({ 'cases-opened': -1, 'cases-closed': 1, 'open-at-year-end': -1 });
      expect(tableOf(y2024, 'direction')['vcs-to-statutory']).toMatchObject({ opened: 1, closed: 0, 'open-at-year-end': 1 });
      expect(tableOf(y2025, 'direction')['vcs-to-statutory']).toMatchObject({ opened: 0, closed: 1, 'open-at-year-end': 0 });
      expect(cell(y2024, 'clauses', '3.2', 'open-at-year-end')).toBe(1);
      expect(cell(y2024, 'clause-checks', '3.2', 'not-checkable')).toBe(1);
    });

    it('places each step in the year of its London date: the acknowledgement in 2024, the formal complaint in 2025', async () => {
      const y2024 = await reportOf(engine, 2024);
      const y2025 = await reportOf(engine, 2025);
      expect(tableOf(y2024, 'deadlines')['acknowledgement']).toMatchObject({ met: 1, missed: 0, 'percent-met': 100 });
      expect(tableOf(y2025, 'deadlines')['informal-resolution']).toMatchObject({ met: 1, missed: 0 });
      expect(cell(y2025, 'deadlines', 'acknowledgement', 'met')).toBeUndefined();
    });

    it('counts working days per stage and to closure in the year each ended', async () => {
      const y2025 = await reportOf(engine, 2025);
      // Stage 1: 27 March to 1 April 2025 (28, 31 March, 1 April); stage 2: 1 to 10 April (2, 3, 4, 7, 8, 9, 10).
      expect(tableOf(y2025, 'working-days')).toMatchObject({
        'stage-1': { cases: 1, median: 3, p90: 3 },
        'stage-2': { cases: 1, median: 7, p90: 7 },
        'stage-3': { cases: 0, median: null, p90: null },
        closure: { cases: 1, median: 10, p90: 10 },
      });
      expect(columnOf(y2025, 'outcomes', 'cases')).toMatchObject({ withdrawn: 1, all: 1 });
      expect(columnOf(y2025, 'highest-stage', 'cases')).toMatchObject({ 'stage-2': 1, all: 1 });
      expect((await reportOf(engine, 2024)).tables.find((t) => t.id === 'working-days')?.rows.every((r) => r.cells['cases'] === 0)).toBe(true);
    });
  });

  describe('percentiles of working days across bank holidays', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await startEngine({ start: '2026-04-01T10:00:00Z' });
      const compact = await seedCompact(engine);
      // Raised and withdrawn at stage 1: [raised, withdrawn, working days between].
      const cases: [string, string][] = [
        ['2026-04-02', '2026-04-09'], // Good Friday 3 April and Easter Monday 6 April: 3, not 5
        ['2026-04-01', '2026-04-01'], // the same day: 0
        ['2026-05-01', '2026-05-08'], // the early May bank holiday, 4 May: 4
        ['2026-04-13', '2026-05-11'], // four weeks with 4 May in them: 19, not 20
        ['2026-06-01', '2026-06-10'], // an ordinary week and a half: 7
      ];
      for (const [raised, withdrawn] of cases) {
        engine.at(raised);
        const { id } = await engine.raise(compact.charityOfficer, grievance([compact.council], { clauses: ['3.3'] }));
        engine.at(withdrawn);
        await engine.run(compact.charityOfficer, id, 'withdraw', { reasonCode: 'resolved-outside' });
      }
      engine.at('2026-11-01');
    });
    afterAll(() => engine.destroy());

    it('gives the nearest-rank median and 90th percentile of [0, 3, 4, 7, 19]: 4 and 19', async () => {
      const report = await reportOf(engine, 2026);
      expect(tableOf(report, 'working-days')).toMatchObject({ 'stage-1': { cases: 5, median: 4, p90: 19 }, closure: { cases: 5, median: 4, p90: 19 } });
      expect(columnOf(report, 'summary', 'this-year')).toMatchObject({ 'median-days-to-closure': 4, 'p90-days-to-closure': 19 });
    });

    it('in the public edition withholds the one outcome that would show every other outcome is nought', async () => {
      const report = await reportOf(engine, 2026, 'public');
      const outcomes = columnOf(report, 'outcomes', 'cases');
      expect(outcomes['withdrawn']).toBe(WITHHELD);
      expect(outcomes['all']).toBe(5);
      expect(Object.entries(outcomes).filter(([k]) => k !== 'withdrawn' && k !== 'all').every(([, v]) => v === FEWER_THAN_3)).toBe(true);
      expect(columnOf(report, 'highest-stage', 'cases')).toMatchObject({ 'stage-1': WITHHELD, 'stage-2': FEWER_THAN_3, all: 5 });
      expect(tableOf(report, 'working-days')['closure']).toMatchObject({ cases: 5, median: 4, p90: 19 });
    });
  });

  describe('deadlines, extensions, suspensions, the urgent track, reopenings, actions, clause checks and lessons', () => {
    let engine: Engine;
    let compact: Compact;
    beforeAll(async () => {
      engine = await startEngine({ start: '2025-06-02T10:00:00Z' });
      compact = await seedCompact(engine);
      const c = compact;
      const bothOf = (respondent: string) => [c.charity, respondent];

      // G: the council misses its acknowledgement; the case goes formal, the council extends its
      // response once, and an agreed action is completed on time. Notice of 31 days: 3.2 not met.
      const g = (await engine.raise(c.charityOfficer, grievance([c.council], { dates: { noticeReceived: '2025-05-01', changeEffective: '2025-06-01' } }))).id;
      engine.at('2025-06-11');
      await missDeadline(engine, g, 'acknowledgement');
      await engine.run(c.charityOfficer, g, 'lodge-formal', { grounds: 'No acknowledgement' });
      engine.at('2025-06-12');
      await engine.run(c.councilOfficer, g, 'acknowledge');
      engine.at('2025-06-13');
      await engine.run(c.councilOfficer, g, 'extend-response-deadline', { workingDays: 5, reason: 'Cabinet' });
      engine.at('2025-06-20');
      await engine.run(c.councilOfficer, g, 'respond', { response: 'Our position' });
      engine.at('2025-06-23');
      await engine.run(c.charityOfficer, g, 'agree-resolution', { terms: 'Restore', actions: [{ description: 'Restore the grant', ownerId: c.council, dueDate: '2025-07-31' }] });
      engine.at('2025-07-25');
      await engine.run(c.councilOfficer, g, 'complete-action', { actionId: 'A1' });

      // H: the council misses its acknowledgement again, on another case; consultation of 31 days: 3.4 not met.
      engine.at('2025-06-03');
      const h = (await engine.raise(c.charityOfficer, grievance([c.council], { clauses: ['3.4'], dates: { consultationOpened: '2025-05-01', consultationClosed: '2025-06-01' } }))).id;
      engine.at('2025-06-12');
      await missDeadline(engine, h, 'acknowledgement');
      engine.at('2025-06-13');
      await engine.run(c.charityOfficer, h, 'withdraw', { reasonCode: 'other' });

      // I: urgent, suspended and renewed, an action missed, reopened for it and then withdrawn.
      engine.at('2025-07-01');
      const i = (await engine.raise(c.groupOfficer, grievance([c.county], { clauses: ['4.1'], urgent: true, dates: { changeEffective: '2025-08-15' } }))).id;
      engine.at('2025-07-02');
      await engine.run(c.countyOfficer, i, 'acknowledge');
      engine.at('2025-07-03');
      await engine.run(c.secretariat, i, 'suspend', { reason: 'Talks', workingDays: 10, consentFrom: [c.group, c.county] });
      engine.at('2025-07-07');
      await engine.run(c.secretariat, i, 'suspend', { reason: 'More talks', workingDays: 10, consentFrom: [c.group, c.county] });
      engine.at('2025-07-08');
      await engine.run(c.secretariat, i, 'resume');
      engine.at('2025-07-09');
      await engine.run(c.countyOfficer, i, 'respond', { response: 'Urgent response' });
      await engine.run(c.groupOfficer, i, 'agree-resolution', { terms: 'Pause the change', actions: [{ description: 'Pause', ownerId: c.county, dueDate: '2025-07-18' }] });
      engine.at('2025-07-28');
      await engine.commands.execute(new RunSystemCommand(i, { name: 'record-missed-action', payload: { actionId: 'A1' } }));
      engine.at('2025-08-01');
      await engine.run(c.groupOfficer, i, 'request-reopening', { grounds: 'action-not-delivered', reason: 'Not paused' });
      engine.at('2025-08-04');
      await engine.run(c.chair, i, 'decide-reopening', { granted: true, reason: 'The action was not delivered' });
      engine.at('2025-08-05');
      await engine.run(c.groupOfficer, i, 'withdraw', { reasonCode: 'resolved-outside' });

      // J: an extension by consent, two lessons and a CDG-only note; still open at the year end.
      engine.at('2025-09-01');
      const j = (await engine.raise(c.charityOfficer, grievance([c.nhs], { clauses: ['2.6'] }))).id;
      engine.at('2025-09-02');
      await engine.run(c.secretariat, j, 'extend-deadline', { workingDays: 3, reason: 'Leave', consentFrom: bothOf(c.nhs) });
      engine.at('2025-09-03');
      const nhsOfficer = await engine.person('NHS officer', ['partner'], c.nhs);
      await engine.run(nhsOfficer, j, 'acknowledge');
      await engine.run(c.secretariat, j, 'record-lesson', { lesson: 'LESSON-ABOUT-2.6 talk early', clause: '2.6' });
      await engine.run(c.secretariat, j, 'record-lesson', { lesson: 'LESSON-WITHOUT-CLAUSE keep notes' });
      await engine.run(c.secretariat, j, 'add-note', { text: 'CDG-ONLY-NOTE about the trust', visibility: 'cdg' });
      engine.at('2026-06-01');
    });
    afterAll(() => engine.destroy());

    it('counts the cases opened, closed and open, their outcomes and how far they went', async () => {
      const r = await reportOf(engine, 2025);
      expect(columnOf(r, 'summary', 'this-year')).toMatchObject({
        'cases-opened': 4,
        'cases-closed': 3,
        'open-at-year-end': 1,
        'urgent-track': 1,
        extensions: 2,
        suspensions: 2,
        'reopening-requests': 1,
        lessons: 2,
        'notice-not-met': 1,
        'consultation-not-met': 1,
        'deadlines-met': 80,
        'actions-on-time': 50,
      });
      expect(columnOf(r, 'outcomes', 'cases')).toMatchObject({ 'resolved-formally': 1, withdrawn: 2, all: 3 });
      // I went back to stage 3 when it was reopened for the undelivered action.
      expect(columnOf(r, 'highest-stage', 'cases')).toMatchObject({ 'stage-1': 1, 'stage-2': 1, 'stage-3': 1, 'stage-4': 0, all: 3 });
      expect(tableOf(r, 'clauses')).toMatchObject({
        '2.6': { opened: 1, closed: 0, 'open-at-year-end': 1 },
        '3.2': { opened: 1, closed: 1, 'open-at-year-end': 0 },
        '3.4': { opened: 1, closed: 1, 'open-at-year-end': 0 },
        '4.1': { opened: 1, closed: 1, 'open-at-year-end': 0 },
        all: { opened: 4, closed: 3, 'open-at-year-end': 1 },
      });
      expect(cell(r, 'clauses', '3.2', 'description')).toMatch(/12 weeks’ notice/);
      expect(columnOf(r, 'direction', 'opened')).toEqual({ 'vcs-to-statutory': 4, 'statutory-to-vcs': 0, 'within-sector': 0, all: 4 });
      expect(tableOf(r, 'organisation-types')).toMatchObject({
        'statutory:district council': { complainant: 0, respondent: 2 },
        'statutory:county council': { complainant: 0, respondent: 1 },
        'statutory:nhs trust': { complainant: 0, respondent: 1 },
        'vcs:charity': { complainant: 3, respondent: 0 },
        'vcs:community group': { complainant: 1, respondent: 0 },
        all: { complainant: 4, respondent: 4 },
      });
    });

    it('counts deadlines met and missed per step and per organisation, and names the repeat late respondent', async () => {
      const r = await reportOf(engine, 2025);
      expect(tableOf(r, 'deadlines')).toMatchObject({
        acknowledgement: { met: 1, missed: 2 },
        'formal-acknowledgement': { met: 2, missed: 0 },
        'formal-response': { met: 2, missed: 0 },
        'complainant-decision': { met: 2, missed: 0 },
        'reopening-decision': { met: 1, missed: 0 },
        all: { met: 8, missed: 2, 'percent-met': 80 },
      });
      expect(tableOf(r, 'organisations')[compact.council]).toMatchObject({
        organisation: 'Fenland District Council',
        respondent: 2,
        'deadlines-met': 2,
        'deadlines-missed': 2,
        'percent-met': 50,
        'late-as-respondent': 2,
      });
      expect(tableOf(r, 'repeat-late-respondents')).toEqual({ [compact.council]: { organisation: 'Fenland District Council', cases: 2, missed: 2 } });
    });

    it('counts extensions, suspensions and renewals, reopenings, agreed actions, clause checks and lessons', async () => {
      const r = await reportOf(engine, 2025);
      expect(columnOf(r, 'extensions', 'extensions')).toEqual({ respondent: 1, consent: 1, all: 2 });
      expect(columnOf(r, 'suspensions', 'suspensions')).toEqual({ new: 1, renewal: 1, all: 2 });
      expect(columnOf(r, 'reopenings', 'requests')).toEqual({ granted: 1, refused: 0, undecided: 0, all: 1 });
      expect(columnOf(r, 'agreed-actions', 'actions')).toEqual({ 'on-time': 1, late: 0, missed: 1, unfinished: 0, all: 2 });
      expect(tableOf(r, 'clause-checks')).toMatchObject({
        '3.2': { met: 0, 'not-met': 1, 'not-checkable': 0, cases: 1 },
        '3.4': { met: 0, 'not-met': 1, 'not-checkable': 0, cases: 1 },
      });
      expect(columnOf(r, 'lessons', 'lessons')).toEqual({ '2.6': 1, none: 1, all: 2 });
      expect(Object.values(tableOf(r, 'lesson-texts')).map((row) => row['lesson'])).toEqual(['LESSON-ABOUT-2.6 talk early', 'LESSON-WITHOUT-CLAUSE keep notes']);
    });

    it('names no organisation and shows no lesson or note text in the public edition, in any format', async () => {
      const report = await reportOf(engine, 2025, 'public');
      expect(report.tables.map((t) => t.id)).not.toEqual(expect.arrayContaining(['organisations']));
      expect(report.tables.map((t) => t.id).filter((id) => ['organisations', 'repeat-late-respondents', 'lesson-texts'].includes(id))).toEqual([]);
      const names = ['Fenland District Council', 'Cambridgeshire County Council', 'Cambridge Food Bank', 'Ely Community Group', 'Cambridgeshire NHS Trust'];
      for (const body of [reportJson(report), reportCsv(report), renderAnnualReportPage(report)]) {
        for (const secret of [...names, compact.council, compact.charity, 'LESSON-ABOUT', 'LESSON-WITHOUT', 'CDG-ONLY-NOTE']) expect(body).not.toContain(secret);
      }
      const cdg = await reportOf(engine, 2025, 'cdg');
      expect(renderAnnualReportPage(cdg)).toContain('LESSON-ABOUT-2.6 talk early');
      expect(reportJson(cdg)).not.toContain('CDG-ONLY-NOTE');
    });

    it('agrees, figure for figure, with the recomputation from the raw log', async () => {
      const events = await engine.app.get<EventStore>(EVENT_STORE).readAll({ limit: 10_000 });
      for (const year of [2024, 2025]) {
        const numbers = Object.fromEntries(Object.entries(figuresOf(await reportOf(engine, year))).filter(([k]) => !k.startsWith('lesson-texts/')));
        expect(numbers).toEqual(Object.fromEntries(oracleFigures(events, year)));
      }
    });

    it('shows every count below 3 as "fewer than 3" in the public edition, and pools the types fewer than 3 signatories share', async () => {
      const report = await reportOf(engine, 2025, 'public');
      expect(columnOf(report, 'summary', 'this-year')).toMatchObject({ 'cases-opened': 4, 'open-at-year-end': FEWER_THAN_3, 'urgent-track': FEWER_THAN_3 });
      // All 3 closed cases were raised against statutory bodies: with the total shown, "withheld" (3 or
      // more) for that direction would show that nought were closed in the others, so the total goes too.
      expect(columnOf(report, 'direction', 'closed')).toEqual({ 'vcs-to-statutory': WITHHELD, 'statutory-to-vcs': FEWER_THAN_3, 'within-sector': FEWER_THAN_3, all: WITHHELD });
      expect(cell(report, 'summary', 'cases-closed', 'this-year')).toBe(WITHHELD);
      // Opened: 4 against statutory bodies, withheld, leaves 0 or 1 for each of the others: the total stays.
      expect(columnOf(report, 'direction', 'opened')).toEqual({ 'vcs-to-statutory': WITHHELD, 'statutory-to-vcs': FEWER_THAN_3, 'within-sector': FEWER_THAN_3, all: 4 });
      expect(columnOf(report, 'extensions', 'extensions')).toEqual({ respondent: FEWER_THAN_3, consent: FEWER_THAN_3, all: FEWER_THAN_3 });
      // One district council, one county council, one NHS trust: pooled; the two voluntary-sector types too.
      expect(Object.keys(tableOf(report, 'organisation-types'))).toEqual(['statutory:other', 'vcs:other', 'all']);
      expect(cell(report, 'organisation-types', 'vcs:other', 'type')).toBe('All voluntary and community organisations');
    });
  });
});
