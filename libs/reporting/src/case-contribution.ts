import { type IsoDate, type WorkingDayCalendar } from '#domain';
import { type CaseFacts } from './case-facts.js';
import { type Direction, encodeTotalKey, METRIC, type Metric } from './report-metrics.js';
import { reportingPeriod, reportingYearOf } from './reporting-year.js';

export function directionOf(f: CaseFacts): Direction {
  const from = f.complainant.sector;
  if (!f.respondents.some((r) => r.sector !== from)) return 'within-sector';
  return from === 'vcs' ? 'vcs-to-statutory' : 'statutory-to-vcs';
}

export const partyTypeKey = (p: { sector: string; type: string }): string => `${p.sector}:${p.type.trim().toLowerCase()}`;

/**
 * What one case adds to the report's counters, as a pure function of its facts: the projection
 * takes away a case's old contribution and adds its new one whenever the case changes, so the
 * sums are always those of the cases as they now are. Working days are counted here, once.
 */
export function contributionOf(f: CaseFacts, calendar: WorkingDayCalendar): Map<string, number> {
  const out = new Map<string, number>();
  const add = (date: IsoDate, metric: Metric, dim1 = '', dim2 = '', n = 1) => {
    const key = encodeTotalKey({ year: reportingYearOf(date), metric, dim1, dim2 });
    out.set(key, (out.get(key) ?? 0) + n);
  };
  const direction = directionOf(f);

  // Opened.
  const raised = f.raisedOn;
  add(raised, METRIC.opened);
  if (f.urgent) add(raised, METRIC.openedUrgent);
  add(raised, METRIC.openedDirection, direction);
  for (const clause of f.clauses) add(raised, METRIC.openedClause, clause);
  add(raised, METRIC.openedComplainantType, partyTypeKey(f.complainant));
  add(raised, METRIC.openedComplainant, f.complainant.organisationId);
  for (const r of f.respondents) {
    add(raised, METRIC.openedRespondentType, partyTypeKey(r));
    add(raised, METRIC.openedRespondent, r.organisationId);
  }
  for (const check of f.checks) add(raised, METRIC.openedCheck, check.clause, check.result);

  // Closed: a case counts once in a year it closed in, as its last closure that year left it.
  const lastClosureByYear = new Map<number, CaseFacts['closures'][number]>();
  for (const closure of f.closures) lastClosureByYear.set(reportingYearOf(closure.on), closure);
  for (const [year, closure] of lastClosureByYear) {
    const yearEnd = reportingPeriod(year).to;
    const asAtYearEnd = closure.outcomes.filter((o) => o.on <= yearEnd).at(-1) ?? closure.outcomes[0];
    if (!asAtYearEnd) continue;
    add(closure.on, METRIC.closed);
    add(closure.on, METRIC.closedOutcome, asAtYearEnd.outcome);
    add(closure.on, METRIC.closedHighestStage, String(asAtYearEnd.highestStage));
    add(closure.on, METRIC.closedDirection, direction);
    for (const clause of f.clauses) add(closure.on, METRIC.closedClause, clause);
    add(closure.on, METRIC.durationClosure, '', String(calendar.workingDaysBetween(raised, closure.on)));
  }

  // Open at year end, as levels: in from the year a spell starts, out from the year it ends.
  for (const spell of f.openSpells) {
    const level = (date: IsoDate, n: number) => {
      add(date, METRIC.levelOpen, '', '', n);
      add(date, METRIC.levelOpenDirection, direction, '', n);
      for (const clause of f.clauses) add(date, METRIC.levelOpenClause, clause, '', n);
    };
    level(spell.from, 1);
    if (spell.to !== null) level(spell.to, -1);
  }

  for (const spell of f.stageSpells) {
    if (spell.to !== null) add(spell.to, METRIC.durationStage, String(spell.stage), String(calendar.workingDaysBetween(spell.from, spell.to)));
  }

  const respondentIds = new Set(f.respondents.map((r) => r.organisationId));
  const lateByYear = new Map<number, Set<string>>();
  for (const d of f.deadlines) {
    const result = d.met ? 'met' : 'missed';
    add(d.on, METRIC.deadlineStep, d.step, result);
    for (const org of new Set(d.organisationIds)) {
      add(d.on, METRIC.deadlineOrganisation, org, result);
      if (!d.met && respondentIds.has(org)) {
        add(d.on, METRIC.lateRespondentMissed, org);
        const year = reportingYearOf(d.on);
        lateByYear.set(year, (lateByYear.get(year) ?? new Set()).add(org));
      }
    }
  }
  for (const [year, orgs] of lateByYear) for (const org of orgs) add(reportingPeriod(year).from, METRIC.lateRespondentCases, org);

  for (const a of f.actions) add(a.on, METRIC.action, a.result);
  for (const e of f.extensions) add(e.on, METRIC.extension, e.kind);
  for (const s of f.suspensions) add(s.on, METRIC.suspension, s.renewal ? 'renewal' : 'new');
  for (const r of f.reopenings) {
    const yearEnd = reportingPeriod(reportingYearOf(r.requestedOn)).to;
    const decided = r.decision !== null && r.decision.on <= yearEnd ? r.decision : null;
    add(r.requestedOn, METRIC.reopening, decided === null ? 'undecided' : decided.granted ? 'granted' : 'refused');
  }
  for (const l of f.lessons) add(l.on, METRIC.lesson, l.clause ?? '');

  for (const [key, n] of out) if (n === 0) out.delete(key);
  return out;
}

/** What changes in the sums when a case's contribution changes from `before` to `after`. */
export function contributionDelta(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [key, n] of after) delta.set(key, n - (before.get(key) ?? 0));
  for (const [key, n] of before) if (!after.has(key)) delta.set(key, -n);
  for (const [key, n] of delta) if (n === 0) delta.delete(key);
  return delta;
}
