import { toDisputeMachineEvent } from '#application';
import {
  applyDisputeEvent,
  COMPACT_CLAUSES,
  DEADLINE_RULES,
  type DisputeContext,
  type DisputeMachineEvent,
  type DisputeSnapshot,
  initialDisputeSnapshot,
  isBankHoliday,
  OUTCOMES,
  stateNameOf,
} from '#domain';
import { type RecordedEvent } from '#event-store';

/**
 * An independent recomputation of the CDG edition's figures straight from the raw log, written
 * for the tests only and sharing nothing with the report read model: it replays each case through
 * the machine, reads what happened from the state names and the final context, counts working
 * days with its own day loop, and takes percentiles by sorting. The keys are "table/row/column",
 * as figuresOf() flattens a report.
 */

const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const londonDay = (instant: string) => london.format(new Date(instant));
const yearOfDay = (day: string) => (day.slice(5) >= '04-01' ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1);
const yearEnd = (year: number) => `${year + 1}-03-31`;

/** Working days d with from < d <= to, one day at a time. */
function workingDays(from: string, to: string): number {
  let n = 0;
  for (let t = Date.parse(`${from}T12:00:00Z`) + 86_400_000; t <= Date.parse(`${to}T12:00:00Z`); t += 86_400_000) {
    const d = new Date(t);
    const day = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !isBankHoliday(day)) n++;
  }
  return n;
}

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? null;
}

const stageOfState = (state: string, c: DisputeContext): number | null => {
  const step = state === 'suspended' ? (c.suspension?.from ?? '') : state === 'actionsOpen' ? (c.step ?? '') : state;
  return step.startsWith('informal.') ? 1 : step.startsWith('formal.') ? 2 : step.startsWith('cdg.') ? 3 : null;
};
const isClosedState = (state: string) => state === 'closed' || state === 'closing';

interface Step {
  readonly event: DisputeMachineEvent;
  readonly day: string;
  readonly before: DisputeSnapshot;
  readonly after: DisputeSnapshot;
}

interface OracleCase {
  readonly raised: DisputeMachineEvent & { type: 'DisputeRaised' };
  readonly raisedOn: string;
  readonly steps: readonly Step[];
  readonly final: DisputeContext;
}

function casesOf(events: readonly RecordedEvent[]): OracleCase[] {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const e of events) if (e.streamId.startsWith('dispute-')) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  return [...byStream.values()].map((stream) => {
    let snapshot = initialDisputeSnapshot();
    const steps: Step[] = [];
    for (const recorded of stream) {
      const event = toDisputeMachineEvent(recorded);
      const after = applyDisputeEvent(snapshot, event);
      steps.push({ event, day: londonDay(event.at), before: snapshot, after });
      snapshot = after;
    }
    const raised = steps[0]!.event as OracleCase['raised'];
    return { raised, raisedOn: steps[0]!.day, steps, final: snapshot.context };
  });
}

export function oracleFigures(events: readonly RecordedEvent[], year: number): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const set = (key: string, value: number | null) => out.set(key, value);
  const cases = casesOf(events);

  const figuresOfYear = (y: number) => {
    const f = new Map<string, number>();
    const bump = (key: string, n = 1) => f.set(key, (f.get(key) ?? 0) + n);
    const stageDays: Record<string, number[]> = { '1': [], '2': [], '3': [] };
    const closureDays: number[] = [];
    for (const c of cases) {
      const d = c.raised.data;
      const complainant = d.parties.find((p) => p.organisationId === d.complainantId)!;
      const respondents = [...new Set(d.respondentIds)].map((id) => d.parties.find((p) => p.organisationId === id)!);
      const direction = respondents.some((r) => r.sector !== complainant.sector) ? `${complainant.sector}-to-${complainant.sector === 'vcs' ? 'statutory' : 'vcs'}` : 'within-sector';
      const clauses = [...new Set(d.clauses)];
      if (yearOfDay(c.raisedOn) === y) {
        bump('opened');
        if (d.urgent) bump('urgent');
        bump(`direction/${direction}/opened`);
        for (const clause of clauses) bump(`clause/${clause}/opened`);
        bump(`type/${complainant.sector}:${complainant.type.trim().toLowerCase()}/complainant`);
        bump(`org/${complainant.organisationId}/complainant`);
        for (const r of respondents) {
          bump(`type/${r.sector}:${r.type.trim().toLowerCase()}/respondent`);
          bump(`org/${r.organisationId}/respondent`);
        }
        for (const check of d.clauseChecks) bump(`checks/${check.clause}/${check.result}`);
      }

      // Closed spells: runs of closing/closed; the first day is the closure, the last CaseClosed by the year end its outcome.
      const spells: { from: string; outcome: string | null; highest: number | null }[] = [];
      let open = true;
      let openAtEnd = false;
      const end = yearEnd(y);
      let stage: number | null = null;
      let stageFrom = '';
      for (const s of c.steps) {
        const afterState = stateNameOf(s.after);
        // A case closes when it comes to rest in `closed` (the passing `closing` changes nothing: a
        // log cut between the two events of one write leaves the case as it was).
        if (open && afterState === 'closed') {
          spells.push({ from: s.day, outcome: null, highest: null });
          open = false;
        }
        if (!open && !isClosedState(afterState)) open = true;
        if (s.event.type === 'CaseClosed' && s.day <= yearEnd(yearOfDay(spells.at(-1)!.from))) {
          spells.at(-1)!.outcome = s.after.context.outcome;
          spells.at(-1)!.highest = s.after.context.highestStage;
        }
        if (s.day <= end) openAtEnd = open;
        const stageNow = isClosedState(afterState) || afterState === 'new' ? null : stageOfState(afterState, s.after.context);
        if (stageNow !== stage) {
          if (stage !== null && yearOfDay(s.day) === y) stageDays[String(stage)]!.push(workingDays(stageFrom, s.day));
          stage = stageNow;
          stageFrom = s.day;
        }
      }
      if (c.raisedOn <= end && openAtEnd) {
        bump('open-at-year-end');
        bump(`direction/${direction}/open-at-year-end`);
        for (const clause of clauses) bump(`clause/${clause}/open-at-year-end`);
      }
      const closedThisYear = spells.filter((s) => yearOfDay(s.from) === y).at(-1);
      if (closedThisYear) {
        bump('closed');
        bump(`outcome/${closedThisYear.outcome}`);
        bump(`highest-stage/${closedThisYear.highest}`);
        bump(`direction/${direction}/closed`);
        for (const clause of clauses) bump(`clause/${clause}/closed`);
        closureDays.push(workingDays(c.raisedOn, closedThisYear.from));
      }

      // Deadlines: their final status is kept for good once met or missed.
      const late = new Map<string, number>();
      for (const dl of c.final.deadlines) {
        if ((dl.status !== 'met' && dl.status !== 'missed') || !inYearOf(y, londonDay(dl.settledAt!))) continue;
        bump(`deadlines/${dl.step}/${dl.status}`);
        for (const org of new Set(dl.owedByOrganisationIds)) {
          bump(`org/${org}/deadlines-${dl.status}`);
          if (dl.status === 'missed' && d.respondentIds.includes(org)) late.set(org, (late.get(org) ?? 0) + 1);
        }
      }
      for (const [org, n] of late) {
        bump(`org/${org}/late-cases`);
        bump(`org/${org}/late-missed`, n);
      }

      for (const s of c.steps) {
        if (!inYearOf(y, s.day)) continue;
        // Actions: compare by position, each one's status before and after the event.
        s.after.context.actions.forEach((a, i) => {
          const was = s.before.context.actions[i];
          if (!was || was.status !== 'open' || a.status === 'open') return;
          const result = a.status === 'completed' ? (londonDay(a.completedAt!) <= a.dueDate ? 'on-time' : 'late') : a.status === 'missed' ? 'missed' : 'unfinished';
          bump(`actions/${result}`);
        });
        if (s.event.type === 'ResponseDeadlineExtended') bump('extensions/respondent');
        if (s.event.type === 'DeadlineExtended') bump('extensions/consent');
        if (s.event.type === 'CaseSuspended') bump(stateNameOf(s.before) === 'suspended' ? 'suspensions/renewal' : 'suspensions/new');
        if (s.event.type === 'LessonRecorded') bump(`lessons/${s.event.data.clause ?? 'none'}`);
        if (s.event.type === 'ReopeningRequested') {
          const decision = c.steps.slice(c.steps.indexOf(s) + 1).find((x) => x.event.type === 'CaseReopened' || x.event.type === 'ReopeningRefused');
          const by = decision && decision.day <= yearEnd(y) ? (decision.event.type === 'CaseReopened' ? 'granted' : 'refused') : 'undecided';
          bump(`reopenings/${by}`);
        }
      }
    }
    return { f, stageDays, closureDays };
  };

  const now = figuresOfYear(year);
  const before = figuresOfYear(year - 1);
  const g = (m: Map<string, number>, key: string) => m.get(key) ?? 0;
  const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);
  const steps = Object.keys(DEADLINE_RULES);
  const headline = (x: ReturnType<typeof figuresOfYear>) => {
    const sum = (prefix: string, suffix = '') => [...x.f].filter(([k]) => k.startsWith(prefix) && k.endsWith(suffix)).reduce((s, [, v]) => s + v, 0);
    const met = sum('deadlines/', '/met');
    const missed = sum('deadlines/', '/missed');
    const actions = sum('actions/');
    return {
      'cases-opened': g(x.f, 'opened'),
      'cases-closed': g(x.f, 'closed'),
      'open-at-year-end': g(x.f, 'open-at-year-end'),
      'urgent-track': g(x.f, 'urgent'),
      'median-days-to-closure': percentile(x.closureDays, 50),
      'p90-days-to-closure': percentile(x.closureDays, 90),
      'deadlines-met': share(met, met + missed),
      'actions-on-time': share(g(x.f, 'actions/on-time'), actions),
      extensions: sum('extensions/'),
      suspensions: sum('suspensions/'),
      'reopening-requests': sum('reopenings/'),
      lessons: sum('lessons/'),
      'notice-not-met': g(x.f, 'checks/3.2/not-met'),
      'consultation-not-met': g(x.f, 'checks/3.4/not-met'),
    } as Record<string, number | null>;
  };
  const h = headline(now);
  const hb = headline(before);
  for (const [key, value] of Object.entries(h)) {
    set(`summary/${key}/this-year`, value);
    set(`summary/${key}/previous-year`, hb[key] ?? null);
    const b = hb[key];
    set(`summary/${key}/change`, typeof value === 'number' && typeof b === 'number' ? (key.endsWith('-met') || key === 'actions-on-time' ? Math.round((value - b) * 10) / 10 : value - b) : null);
  }

  const f = now.f;
  for (const o of OUTCOMES) set(`outcomes/${o}/cases`, g(f, `outcome/${o}`));
  set('outcomes/all/cases', g(f, 'closed'));
  for (const s of ['1', '2', '3', '4']) set(`highest-stage/stage-${s}/cases`, g(f, `highest-stage/${s}`));
  set('highest-stage/all/cases', g(f, 'closed'));

  const clauseOrder = COMPACT_CLAUSES.map((c) => c.id);
  const clauseIds = clauseOrder.filter((id) => ['opened', 'closed', 'open-at-year-end'].some((col) => g(f, `clause/${id}/${col}`) > 0));
  for (const col of ['opened', 'closed', 'open-at-year-end']) {
    for (const id of clauseIds) set(`clauses/${id}/${col}`, g(f, `clause/${id}/${col}`));
    set(`clauses/all/${col}`, clauseIds.reduce((s, id) => s + g(f, `clause/${id}/${col}`), 0));
  }
  for (const dir of ['vcs-to-statutory', 'statutory-to-vcs', 'within-sector']) {
    for (const col of ['opened', 'closed', 'open-at-year-end']) set(`direction/${dir}/${col}`, g(f, `direction/${dir}/${col}`));
  }
  set('direction/all/opened', g(f, 'opened'));
  set('direction/all/closed', g(f, 'closed'));
  set('direction/all/open-at-year-end', g(f, 'open-at-year-end'));

  const types = [...new Set([...f.keys()].filter((k) => k.startsWith('type/')).map((k) => k.split('/')[1]!))].sort();
  for (const t of types) {
    set(`organisation-types/${t}/complainant`, g(f, `type/${t}/complainant`));
    set(`organisation-types/${t}/respondent`, g(f, `type/${t}/respondent`));
  }
  set('organisation-types/all/complainant', g(f, 'opened'));
  set('organisation-types/all/respondent', types.reduce((s, t) => s + g(f, `type/${t}/respondent`), 0));

  for (const s of ['1', '2', '3']) {
    set(`working-days/stage-${s}/cases`, now.stageDays[s]!.length);
    set(`working-days/stage-${s}/median`, percentile(now.stageDays[s]!, 50));
    set(`working-days/stage-${s}/p90`, percentile(now.stageDays[s]!, 90));
  }
  set('working-days/closure/cases', now.closureDays.length);
  set('working-days/closure/median', percentile(now.closureDays, 50));
  set('working-days/closure/p90', percentile(now.closureDays, 90));

  let met = 0;
  let missed = 0;
  for (const step of steps) {
    const m = g(f, `deadlines/${step}/met`);
    const x = g(f, `deadlines/${step}/missed`);
    met += m;
    missed += x;
    if (m + x === 0) continue;
    set(`deadlines/${step}/met`, m);
    set(`deadlines/${step}/missed`, x);
    set(`deadlines/${step}/percent-met`, share(m, m + x));
  }
  set('deadlines/all/met', met);
  set('deadlines/all/missed', missed);
  set('deadlines/all/percent-met', share(met, met + missed));

  const actionKinds = ['on-time', 'late', 'missed', 'unfinished'];
  for (const k of actionKinds) set(`agreed-actions/${k}/actions`, g(f, `actions/${k}`));
  set('agreed-actions/all/actions', actionKinds.reduce((s, k) => s + g(f, `actions/${k}`), 0));
  const small = (table: string, column: string, kinds: string[], source: string) => {
    for (const k of kinds) set(`${table}/${k}/${column}`, g(f, `${source}/${k}`));
    set(`${table}/all/${column}`, kinds.reduce((s, k) => s + g(f, `${source}/${k}`), 0));
  };
  small('extensions', 'extensions', ['respondent', 'consent'], 'extensions');
  small('suspensions', 'suspensions', ['new', 'renewal'], 'suspensions');
  small('reopenings', 'requests', ['granted', 'refused', 'undecided'], 'reopenings');
  for (const clause of ['3.2', '3.4']) {
    let all = 0;
    for (const r of ['met', 'not-met', 'not-checkable']) {
      set(`clause-checks/${clause}/${r}`, g(f, `checks/${clause}/${r}`));
      all += g(f, `checks/${clause}/${r}`);
    }
    set(`clause-checks/${clause}/cases`, all);
  }
  const lessonKeys = [...f.keys()].filter((k) => k.startsWith('lessons/')).map((k) => k.slice('lessons/'.length));
  for (const k of lessonKeys) set(`lessons/${k}/lessons`, g(f, `lessons/${k}`));
  set('lessons/all/lessons', lessonKeys.reduce((s, k) => s + g(f, `lessons/${k}`), 0));

  const orgIds = [...new Set([...f.keys()].filter((k) => k.startsWith('org/')).map((k) => k.split('/')[1]!))];
  for (const id of orgIds) {
    const m = g(f, `org/${id}/deadlines-met`);
    const x = g(f, `org/${id}/deadlines-missed`);
    set(`organisations/${id}/complainant`, g(f, `org/${id}/complainant`));
    set(`organisations/${id}/respondent`, g(f, `org/${id}/respondent`));
    set(`organisations/${id}/deadlines-met`, m);
    set(`organisations/${id}/deadlines-missed`, x);
    set(`organisations/${id}/percent-met`, share(m, m + x));
    set(`organisations/${id}/late-as-respondent`, g(f, `org/${id}/late-cases`));
    if (g(f, `org/${id}/late-cases`) >= 2) {
      set(`repeat-late-respondents/${id}/cases`, g(f, `org/${id}/late-cases`));
      set(`repeat-late-respondents/${id}/missed`, g(f, `org/${id}/late-missed`));
    }
  }
  return out;
}

function inYearOf(year: number, day: string): boolean {
  return yearOfDay(day) === year;
}
