import { addCalendarDays, DEADLINE_RULES, type DisputeSnapshot, initialDisputeSnapshot, type IsoDate, type WorkingDayCalendar } from '#domain';
import { DEMO_TOPICS } from './demo-cast.js';
import { DemoDays } from './demo-days.js';
import { type DemoDirectory, demoDirectory, demoKeys, idFromKey, type PlannedPerson } from './demo-directory.js';
import { type DemoCommand } from './demo-process-steps.js';
import { DemoStepError, placeOf } from './demo-step-error.js';
import { type CaseEnd, DEMO_PATHS, type DemoPath, drawChoices, RECENT_CASES, type Story, type StoryCast, type StoryStep, writeStory } from './demo-stories.js';
import { decideDemoStep, type DemoSender, type DemoWorld, demoWorld, ENGINE, senderName } from './demo-world.js';
import { engineDuties } from './engine-duties.js';
import { SeededRandom } from './seeded-random.js';

/** One command of the plan, at the instant the clock is set to before it is sent. */
export interface PlannedStep {
  readonly at: string;
  readonly caseIndex: number;
  /** Its place in the case, from 0 (the raise). */
  readonly stepIndex: number;
  readonly label: string;
  readonly by: DemoSender;
  readonly command: DemoCommand;
  readonly idempotencyKey: string;
}

export interface PlannedCase {
  readonly index: number;
  readonly id: string;
  /** What the case is for, e.g. "past: mediation" or "under way: formal up to respond". */
  readonly story: string;
  readonly complainantId: string;
  readonly respondentId: string;
  /** Where the case must stand once every step up to `now` is taken. */
  readonly end: CaseEnd;
}

/** The whole demo as data: who signs up when, and every step of every case in time order. */
export interface DemoPlan {
  readonly now: string;
  readonly seed: number;
  readonly registeredAt: string;
  readonly directory: DemoDirectory;
  readonly cases: readonly PlannedCase[];
  readonly steps: readonly PlannedStep[];
}

export interface PlanOptions {
  readonly calendar: WorkingDayCalendar;
  readonly seed?: number;
  /** Finished disputes spread over the past three reporting years (default 84). */
  readonly pastCases?: number;
}

const DEFAULT_SEED = 2007;
/** Cases under way have their last step at most this many working days before today. */
const RECENT_SLACK_WD = 12;
/** Historical cases finish at least this many working days before today. */
const PAST_MARGIN_WD = 5;

/**
 * Plans the demo as of `now`: about a hundred disputes from April three reporting years back,
 * finished ones spread over that time and one under way at every open stage. Each case is told
 * through the pure engine while it is planned (so its due dates are the engine's own, counted
 * with the working-day calendar), and what the deadline scheduler would have recorded on the
 * way (missed deadlines and actions, resumptions) is part of the plan, up to `now` itself. So
 * every step lands on a moment the engine accepts, whatever the time, day or season of `now`,
 * and a server started at `now` finds nothing left to record.
 */
export function planDemo(now: Date | string, options: PlanOptions): DemoPlan {
  return tellDemo(now, options).plan;
}

/** The plan, and every case as the pure engine left it once told up to `now` (by case index). */
export function tellDemo(nowInput: Date | string, options: PlanOptions): { plan: DemoPlan; snapshots: Map<number, DisputeSnapshot> } {
  const now = new Date(nowInput).toISOString();
  const seed = options.seed ?? DEFAULT_SEED;
  const random = new SeededRandom(seed);
  const days = new DemoDays(options.calendar);
  const today = days.dateOf(now);
  // The last working day before today: cases under way took their last step on it or before.
  const anchor = days.workingDayBefore(today);
  const start = days.workingDayFrom(`${reportingYearOf(today) - 3}-04-01`);
  const registeredAt = days.at(addCalendarDays(start, -30), 9 * 60);
  const directory = demoDirectory();
  const world = demoWorld(directory, registeredAt, options.calendar);
  const cast = castOf(directory);

  const pastCount = options.pastCases ?? 84;
  const cases: PlannedCase[] = [];
  const steps: PlannedStep[] = [];
  const snapshots = new Map<number, DisputeSnapshot>();
  const span = days.between(start, anchor);
  for (let index = 0; index < pastCount + RECENT_CASES.length; index++) {
    const recent = index >= pastCount ? RECENT_CASES[index - pastCount] : undefined;
    const path: DemoPath = recent?.path ?? (index < DEMO_PATHS.length ? DEMO_PATHS[index]! : random.weighted(PATH_WEIGHTS));
    const { complainant, respondent } = partiesFor(path, cast, random);
    const storyCast: StoryCast = {
      complainant: { id: complainant.id, name: complainant.name, officerId: cast.officerOf(complainant.id) },
      respondent: { id: respondent.id, name: respondent.name, officerId: cast.officerOf(respondent.id) },
      secretariat: random.pick(cast.secretariat).id,
      chair: cast.chair.id,
      mediator: random.pick(cast.mediators).id,
      panel: panelFor(cast, [complainant.id, respondent.id], random),
    };
    const whole = writeStory(path, storyCast, random.pick(DEMO_TOPICS), drawChoices(random, recent?.choices), random);
    const story = recent ? cut(whole, recent.upTo, recent.end) : whole;
    const id = idFromKey(storyCast.complainant.officerId, 'raise', demoKeys.raise(index));
    const planned: PlannedCase = {
      index,
      id,
      story: recent ? `under way: ${path} up to ${recent.upTo}` : `past: ${path}`,
      complainantId: complainant.id,
      respondentId: respondent.id,
      end: story.end,
    };
    const teller = new CaseTeller(planned, world, days, now);
    let raisedOn: IsoDate;
    if (recent) {
      // Told once anywhere to measure it in working days (the calendar makes that independent of
      // where it is placed), then placed so its last step is recent and none of its clocks has run out.
      const trialRaise = days.shift(anchor, -250);
      const { lower, upper } = teller.placementBounds(story, trialRaise);
      if (upper < lower) {
        throw new Error(`Demo case ${index} (${planned.story}) cannot be placed: it takes ${lower} WD but a clock runs out after ${upper + 1} WD.`);
      }
      raisedOn = days.shift(anchor, -random.int(lower, Math.min(upper, lower + RECENT_SLACK_WD)));
    } else {
      const room = span - storyLength(story) - PAST_MARGIN_WD;
      raisedOn = days.shift(start, Math.max(0, Math.min(room, Math.floor((room * index) / pastCount) + random.int(0, 4))));
    }
    const told = teller.tell(story, raisedOn, now);
    cases.push(planned);
    steps.push(...told.steps);
    snapshots.set(index, told.snapshot);
  }
  steps.sort((a, b) => a.at.localeCompare(b.at) || a.caseIndex - b.caseIndex || a.stepIndex - b.stepIndex);
  return { plan: { now, seed, registeredAt, directory, cases, steps }, snapshots };
}

const PATH_WEIGHTS: Record<DemoPath, number> = {
  informal: 22, formal: 16, notPursued: 7, mediation: 9, mediationFailed: 3, upheld: 6, partly: 6, notUpheld: 5, withdrawn: 9, external: 5, lateAck: 6, suspended: 4, urgent: 4,
};

/** April to March: the reporting year a date falls in, named by the year it starts. */
const reportingYearOf = (date: IsoDate): number => Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 4 ? 1 : 0);

/** The story up to and including the step labelled `upTo`, ending where the case then stands. */
function cut(story: Story, upTo: string, end: CaseEnd): Story {
  const last = story.steps.findIndex((s) => s.label === upTo);
  if (last < 0) throw new Error(`The ${story.path} story has no step ${upTo}`);
  return { path: story.path, steps: story.steps.slice(0, last + 1), end };
}

/** A generous length in working days, to leave a finished story room to finish before today. */
function storyLength(story: Story): number {
  return story.steps.reduce((sum, s) => sum + (s.kind === 'act' ? s.gap : s.deadline ? DEADLINE_RULES[s.deadline].workingDays + 11 : 51), 0);
}

/**
 * Tells one case through the pure engine: each person's step on its day, and before it (and
 * before `now`) whatever the deadline scheduler would have recorded by then.
 */
class CaseTeller {
  constructor(
    private readonly planned: PlannedCase,
    private readonly world: DemoWorld,
    private readonly days: DemoDays,
    private readonly plannedAsOf: string,
  ) {}

  tell(story: Story, raisedOn: IsoDate, now: string | null): { steps: PlannedStep[]; snapshot: DisputeSnapshot; lastDay: IsoDate } {
    const steps: PlannedStep[] = [];
    let snapshot = initialDisputeSnapshot();
    let lastDay = raisedOn;
    let lastAt = '';
    const take = (label: string, at: string, by: DemoSender, command: DemoCommand, idempotencyKey?: string) => {
      const step: PlannedStep = {
        at,
        caseIndex: this.planned.index,
        stepIndex: steps.length,
        label,
        by,
        command,
        idempotencyKey: idempotencyKey ?? (command.name === 'raise' ? demoKeys.raise(this.planned.index) : demoKeys.step(this.planned.index, steps.length)),
      };
      try {
        snapshot = decideDemoStep(this.world, this.planned.id, snapshot, step);
      } catch (error) {
        throw new DemoStepError(this.place(step), error);
      }
      steps.push(step);
      lastAt = at;
    };
    /** What the scheduler records, day by day, up to `limit`; each on its day just after midnight. */
    const engineUpTo = (limit: string) => {
      for (;;) {
        const duties = engineDuties(this.planned.id, snapshot.context, this.days.dateOf(limit));
        const duty = duties.reduce<(typeof duties)[number] | undefined>((first, d) => (first === undefined || d.day < first.day ? d : first), undefined);
        if (!duty) return;
        let at = this.days.at(duty.day, 5);
        if (at <= lastAt) at = new Date(Date.parse(lastAt) + 60_000).toISOString();
        if (at > limit) at = limit;
        take(`engine:${duty.command.name}`, at, ENGINE, duty.command, duty.idempotencyKey);
      }
    };

    for (const s of story.steps) {
      if (s.kind === 'await') {
        lastDay = this.awaited(s, snapshot, lastDay, steps.length);
        continue;
      }
      const day = s.label === 'raise' ? raisedOn : this.days.shift(lastDay, s.gap);
      const at = this.days.at(day, s.minute);
      const command = s.command({ date: day, workingDaysLater: (n) => this.days.shift(day, n) });
      if (now !== null && at >= now) throw new DemoStepError(this.place({ at, stepIndex: steps.length, label: s.label, by: s.by, command }), 'the story runs past now');
      engineUpTo(at);
      take(s.label, at, s.by, command);
      lastDay = day;
    }
    // Without a `now` (a trial), what the engine records by the end of the last day is part of the story.
    engineUpTo(now ?? this.days.at(lastDay, 23 * 60 + 59));
    return { steps, snapshot, lastDay };
  }

  /**
   * Told with the raise on `trialRaise`: the fewest working days from raising to today that fit
   * every step (and awaited miss), and the most that leave each clock still running today.
   */
  placementBounds(story: Story, trialRaise: IsoDate): { lower: number; upper: number } {
    const { snapshot, lastDay } = this.tell(story, trialRaise, null);
    const wd = (date: IsoDate) => this.days.between(trialRaise, date);
    const c = snapshot.context;
    const limits = [
      ...c.deadlines.filter((d) => d.status === 'open').map((d) => wd(d.dueOn) - 1),
      ...(c.suspension ? [wd(c.suspension.until) - 1] : []),
      // Checked on its check day itself, so that day must still be after today.
      ...c.actions.filter((a) => a.status === 'open').map((a) => wd(a.checkOn) - 2),
    ];
    return { lower: wd(lastDay), upper: Math.min(Number.MAX_SAFE_INTEGER, ...limits) };
  }

  /** The first working day by which the engine has recorded the awaited miss. */
  private awaited(s: Extract<StoryStep, { kind: 'await' }>, snapshot: DisputeSnapshot, lastDay: IsoDate, stepIndex: number): IsoDate {
    const c = snapshot.context;
    const deadline = s.deadline ? c.deadlines.find((d) => d.step === s.deadline && d.status === 'open') : undefined;
    const action = s.actionId ? c.actions.find((a) => a.actionId === s.actionId && a.status === 'open') : undefined;
    const day = deadline ? this.days.shift(deadline.dueOn, 1) : action ? action.checkOn : undefined;
    if (day === undefined) {
      throw new DemoStepError(this.place({ at: lastDay, stepIndex, label: s.label, by: ENGINE, command: { name: 'record-missed-deadline', payload: {} } }), 'nothing open to await');
    }
    return day > lastDay ? day : lastDay;
  }

  private place(step: Pick<PlannedStep, 'at' | 'stepIndex' | 'label' | 'by' | 'command'>) {
    return placeOf(step, this.planned, this.plannedAsOf, (by) => senderName(this.world, by));
  }
}

interface Cast {
  readonly statutory: readonly DemoDirectory['organisations'][number][];
  readonly vcs: readonly DemoDirectory['organisations'][number][];
  readonly councils: readonly DemoDirectory['organisations'][number][];
  readonly secretariat: readonly PlannedPerson[];
  readonly chair: PlannedPerson;
  readonly mediators: readonly PlannedPerson[];
  readonly panelChairs: readonly PlannedPerson[];
  readonly statutoryPanelists: readonly PlannedPerson[];
  readonly vcsPanelists: readonly PlannedPerson[];
  officerOf(organisationId: string): string;
}

function castOf(directory: DemoDirectory): Cast {
  const people = (prefix: string) => directory.people.filter((p) => p.key.startsWith(prefix));
  const statutory = directory.organisations.filter((o) => o.sector === 'statutory');
  return {
    statutory,
    vcs: directory.organisations.filter((o) => o.sector === 'vcs'),
    // The Local Government Ombudsman looks at councils, not parish or town councils.
    councils: statutory.filter((o) => /council/.test(o.type) && !/parish|town/.test(o.type)),
    secretariat: people('secretariat/'),
    chair: people('chair')[0]!,
    mediators: people('mediator/'),
    panelChairs: people('panel-chair/'),
    statutoryPanelists: people('panelist/statutory/'),
    vcsPanelists: people('panelist/vcs/'),
    officerOf: (organisationId) => directory.people.find((p) => p.key.startsWith('officer/') && p.organisationId === organisationId)!.id,
  };
}

function partiesFor(path: DemoPath, cast: Cast, random: SeededRandom) {
  if (path === 'external') return { complainant: random.pick(cast.vcs), respondent: random.pick(cast.councils) };
  const direction = random.weighted({ vcsToStatutory: 60, statutoryToVcs: 25, within: 15 });
  if (direction === 'vcsToStatutory') return { complainant: random.pick(cast.vcs), respondent: random.pick(cast.statutory) };
  if (direction === 'statutoryToVcs') return { complainant: random.pick(cast.statutory), respondent: random.pick(cast.vcs) };
  const pool = random.chance(0.5) ? cast.vcs : cast.statutory;
  const complainant = random.pick(pool);
  return { complainant, respondent: random.pick(pool.filter((o) => o !== complainant)) };
}

/** An independent chair and one member from each sector, none from a party organisation. */
function panelFor(cast: Cast, partyIds: readonly string[], random: SeededRandom) {
  const free = (people: readonly PlannedPerson[]) => people.filter((p) => p.organisationId === null || !partyIds.includes(p.organisationId));
  return {
    chairId: random.pick(cast.panelChairs).id,
    statutoryMemberId: random.pick(free(cast.statutoryPanelists)).id,
    vcsMemberId: random.pick(free(cast.vcsPanelists)).id,
  };
}
