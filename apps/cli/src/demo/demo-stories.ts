import { addCalendarDays, type DeadlineStep, type Finding, type IsoDate, type Outcome } from '#domain';
import { type DemoTopic } from './demo-cast.js';
import { type DemoActionInput, type DemoCommand, PROCESS_STEPS as P } from './demo-process-steps.js';
import { type SeededRandom } from './seeded-random.js';

/** The ways a demo dispute can go; every one appears at least once. */
export const DEMO_PATHS = [
  'informal',
  'formal',
  'notPursued',
  'mediation',
  'mediationFailed',
  'upheld',
  'partly',
  'notUpheld',
  'withdrawn',
  'external',
  'lateAck',
  'suspended',
  'urgent',
] as const;
export type DemoPath = (typeof DEMO_PATHS)[number];

/** The day a step falls on, and days counted from it in working days (due dates of actions). */
export interface StoryDay {
  readonly date: IsoDate;
  workingDaysLater(n: number): IsoDate;
}

/** A person's step: `gap` working days after the story's previous step, at a London time of day. */
export interface StoryAct {
  readonly kind: 'act';
  readonly label: string;
  readonly gap: number;
  /** Minutes after midnight, London: always inside 09:30–16:00, so before the 16:30 cut-off. */
  readonly minute: number;
  readonly by: string;
  readonly command: (day: StoryDay) => DemoCommand;
}

/** Nobody acts until the engine has recorded this deadline (or agreed action) as missed. */
export interface StoryAwait {
  readonly kind: 'await';
  readonly label: string;
  readonly deadline?: DeadlineStep;
  readonly actionId?: string;
}

export type StoryStep = StoryAct | StoryAwait;

export interface CaseEnd {
  readonly state: string;
  readonly outcome?: Outcome;
}

export interface Story {
  readonly path: DemoPath;
  readonly steps: readonly StoryStep[];
  /** Where the whole story leaves the case. */
  readonly end: CaseEnd;
}

export interface StoryParty {
  readonly id: string;
  readonly name: string;
  readonly officerId: string;
}

/** Who plays each part in one dispute. */
export interface StoryCast {
  readonly complainant: StoryParty;
  readonly respondent: StoryParty;
  readonly secretariat: string;
  readonly chair: string;
  readonly mediator: string;
  readonly panel: { readonly chairId: string; readonly statutoryMemberId: string; readonly vcsMemberId: string };
}

/** The branches a story may take; drawn at random for the past, fixed for the cases still under way. */
export interface StoryChoices {
  readonly note: boolean;
  readonly extension: boolean;
  readonly withAction: boolean;
  readonly actionCompleted: boolean;
  readonly respondentAccepts: boolean;
}

export function drawChoices(random: SeededRandom, forced: Partial<StoryChoices> = {}): StoryChoices {
  return {
    note: random.chance(0.3),
    extension: random.chance(0.2),
    withAction: random.chance(0.6),
    actionCompleted: random.chance(0.85),
    respondentAccepts: random.chance(0.7),
    ...forced,
  };
}

const FINDING_OF: Partial<Record<DemoPath, Finding>> = { upheld: 'upheld', partly: 'partly-upheld', notUpheld: 'not-upheld', mediationFailed: 'partly-upheld' };

/**
 * Writes the whole story of one dispute. Gaps are in working days and stay inside the deadline
 * each step answers (acknowledgement 5 WD, informal resolution 20 WD from raising, response 20 WD
 * from lodging, and so on); where the story means a deadline to be missed it awaits the engine's
 * record of it instead of guessing a date.
 */
export function writeStory(path: DemoPath, cast: StoryCast, topic: DemoTopic, choices: StoryChoices, random: SeededRandom): Story {
  const steps: StoryStep[] = [];
  const C = cast.complainant;
  const R = cast.respondent;
  const parties = [C.id, R.id];
  const minute = () => random.int(9 * 60 + 30, 16 * 60);
  const act = (label: string, gap: readonly [number, number], by: string, command: (day: StoryDay) => DemoCommand) =>
    steps.push({ kind: 'act', label, gap: random.int(gap[0], gap[1]), minute: minute(), by, command });
  const awaitMiss = (what: { deadline?: DeadlineStep; actionId?: string }) =>
    steps.push({ kind: 'await', label: `await:${what.deadline ?? what.actionId}`, ...what });
  const action = (day: StoryDay, owner: StoryParty, dueIn: number): DemoActionInput => ({
    description: topic.desired,
    ownerId: owner.id,
    dueDate: day.workingDaysLater(dueIn),
    clause: topic.clauses[0] ?? '3.2',
  });

  const urgent = path === 'urgent';
  steps.push({ kind: 'act', label: 'raise', gap: 0, minute: minute(), by: C.officerId, command: raiseCommand(C, R, topic, urgent, random) });

  /** Resolution agreed by `who`; with an action its owner completes it, or the engine records it missed. */
  const resolve = (who: string, owner: StoryParty, gap: readonly [number, number] = [3, 12]) => {
    const dueIn = random.int(20, 45);
    act('agree-resolution', gap, who, (day) =>
      P.agreeResolution(`${owner.name} will ${topic.desired.toLowerCase()}.`, choices.withAction ? [action(day, owner, dueIn)] : []),
    );
    if (!choices.withAction) return;
    if (choices.actionCompleted) act('complete-action', [10, dueIn], owner.officerId, () => P.completeAction('A1', 'Confirmed at CDG meeting'));
    else awaitMiss({ actionId: 'A1' });
  };
  const formal = () => {
    act('lodge-formal', [3, 12], C.officerId, () => P.lodgeFormal(`No agreement reached informally on: ${topic.summary.toLowerCase()}.`));
    act('acknowledge-formal', [1, 4], R.officerId, () => P.acknowledge());
    if (choices.extension) {
      act('extend-response-deadline', [2, 8], R.officerId, () => P.extendResponse(random.int(5, 10), 'Cabinet decision needed'));
      act('respond', [3, 10], R.officerId, () => P.respond(`${R.name} has reviewed the complaint and sets out its position.`));
    } else {
      act('respond', [5, 15], R.officerId, () => P.respond(`${R.name} has reviewed the complaint and sets out its position.`));
    }
  };
  const referToCdg = () => act('refer-to-cdg', [3, 15], C.officerId, () => P.referToCdg('The written response does not resolve the matter.'));
  /** The panel's part; after a failed mediation the route is already panel, so it is not chosen again. */
  const panel = (finding: Finding, routeChosen: boolean) => {
    if (!routeChosen) act('choose-route', [2, 8], cast.chair, () => P.choosePanel());
    act('appoint-panel', [1, 5], cast.secretariat, () => P.appointPanel(cast.panel));
    act('record-hearing', [8, 18], cast.panel.chairId, (day) => P.recordHearing(day.date));
    act('issue-findings', [3, 9], cast.panel.chairId, (day) =>
      P.issueFindings(finding, finding === 'not-upheld' ? [] : [action(day, R, 60)]),
    );
    act('respond-to-findings:complainant', [3, 12], C.officerId, () => P.acceptFindings());
    const accepts = finding === 'not-upheld' || choices.respondentAccepts;
    act('respond-to-findings:respondent', [2, 7], R.officerId, () => (accepts ? P.acceptFindings() : P.declineFindings('Budget does not allow it this year.')));
    if (finding !== 'not-upheld' && accepts) act('complete-action', [10, 30], R.officerId, () => P.completeAction('R1', 'Reported to CDG'));
    act('record-lesson', [1, 5], cast.secretariat, () =>
      P.recordLesson(`Early conversation about ${topic.clauses.join(' and ')} would have avoided a panel.`, topic.clauses[0] ?? '3.2'),
    );
  };

  if (urgent) {
    act('acknowledge-formal', [1, 2], R.officerId, () => P.acknowledge());
    act('respond', [3, 7], R.officerId, () => P.respond('Urgent response issued.'));
    // Halved clocks: the complainant's decision window is 10 WD.
    resolve(C.officerId, R, [2, 7]);
    return { path, steps, end: { state: 'closed', outcome: 'resolved-formally' } };
  }
  if (path === 'lateAck') awaitMiss({ deadline: 'acknowledgement' });
  else act('acknowledge', [1, 4], R.officerId, () => P.acknowledge());
  if (choices.note && path !== 'lateAck') act('add-note', [1, 2], C.officerId, () => P.addNote('Meeting held between officers.'));

  switch (path) {
    case 'informal':
      resolve(C.officerId, R);
      return { path, steps, end: { state: 'closed', outcome: 'resolved-informally' } };
    case 'withdrawn':
      act('withdraw', [3, 12], C.officerId, () => P.withdraw(random.pick(['resolved-outside', 'no-longer-relevant'] as const)));
      return { path, steps, end: { state: 'closed', outcome: 'withdrawn' } };
    case 'lateAck':
      act('lodge-formal', [1, 3], C.officerId, () => P.lodgeFormal('No acknowledgement within 5 working days.'));
      act('acknowledge-formal', [1, 4], R.officerId, () => P.acknowledge());
      act('respond', [5, 15], R.officerId, () => P.respond('Apologies for the delay; our position follows.'));
      resolve(C.officerId, R);
      return { path, steps, end: { state: 'closed', outcome: 'resolved-formally' } };
    case 'formal':
      formal();
      resolve(C.officerId, R);
      return { path, steps, end: { state: 'closed', outcome: 'resolved-formally' } };
    case 'suspended':
      formal();
      act('suspend', [2, 5], cast.secretariat, () => P.suspend('Budget consultation under way', 15, parties));
      act('resume', [5, 12], C.officerId, () => P.resume());
      resolve(C.officerId, R);
      return { path, steps, end: { state: 'closed', outcome: 'resolved-formally' } };
    case 'notPursued':
      formal();
      awaitMiss({ deadline: 'complainant-decision' });
      return { path, steps, end: { state: 'closed', outcome: 'not-pursued' } };
    case 'external':
      formal();
      act('refer-externally', [5, 15], C.officerId, () => P.referToOmbudsman(`LGO-${random.int(2000, 9999)}`));
      act('record-external-outcome', [30, 60], cast.secretariat, () => P.recordExternalOutcome('Ombudsman found fault and recommended an apology.'));
      return { path, steps, end: { state: 'closed', outcome: 'referred-externally' } };
    case 'mediation':
    case 'mediationFailed':
      formal();
      referToCdg();
      act('choose-route', [2, 8], cast.chair, () => P.chooseMediation(parties));
      act('appoint-mediator', [1, 5], cast.secretariat, () => P.appointMediator(cast.mediator));
      act('record-session', [5, 12], cast.mediator, (day) => P.recordSession(day.date, [C.name, R.name]));
      if (path === 'mediation') {
        resolve(cast.mediator, R);
        return { path, steps, end: { state: 'closed', outcome: 'resolved-by-mediation' } };
      }
      act('end-mediation', [5, 15], cast.mediator, () => P.endMediation());
      panel('partly-upheld', true);
      return { path, steps, end: { state: 'closed', outcome: 'partly-upheld' } };
    case 'upheld':
    case 'partly':
    case 'notUpheld': {
      const finding = FINDING_OF[path] ?? 'upheld';
      formal();
      referToCdg();
      panel(finding, false);
      return { path, steps, end: { state: 'closed', outcome: finding } };
    }
  }
  throw new Error(`no story for ${String(path)}`);
}

/** The raise, with the clause dates a partner would give, counted in calendar days from the raising day. */
function raiseCommand(C: StoryParty, R: StoryParty, topic: DemoTopic, urgent: boolean, random: SeededRandom): (day: StoryDay) => DemoCommand {
  const notice = topic.notice ? { before: random.int(20, 60), effectiveIn: random.chance(0.7) ? random.int(5, 40) : random.int(60, 80) } : null;
  const consultation = topic.consultation ? { opened: random.int(40, 90), closed: random.int(1, 20) } : null;
  const urgentEffectiveIn = random.int(20, 60);
  return (day) => {
    const dates: Record<string, string> = {};
    if (notice) {
      dates['noticeReceived'] = addCalendarDays(day.date, -notice.before);
      dates['changeEffective'] = addCalendarDays(day.date, notice.effectiveIn);
    }
    if (consultation) {
      dates['consultationOpened'] = addCalendarDays(day.date, -consultation.opened);
      dates['consultationClosed'] = addCalendarDays(day.date, -consultation.closed);
    }
    if (urgent) dates['changeEffective'] = addCalendarDays(day.date, urgentEffectiveIn);
    return {
      name: 'raise',
      payload: {
        respondentIds: [R.id],
        clauses: [...topic.clauses],
        summary: topic.summary,
        details: `${C.name} says: ${topic.summary.toLowerCase()}, affecting the people it serves (raised ${day.date}).`,
        desiredOutcome: topic.desired,
        urgent,
        dates,
      },
    };
  };
}

/**
 * The disputes still under way today: each is a story told up to (and including) the step named,
 * placed so that its last step was taken on a recent working day and none of its clocks has run
 * out by now. Together they show every stage that can be open.
 */
export const RECENT_CASES: readonly { readonly path: DemoPath; readonly upTo: string; readonly end: CaseEnd; readonly choices?: Partial<StoryChoices> }[] = [
  { path: 'informal', upTo: 'raise', end: { state: 'informal.awaitingAcknowledgement' } },
  { path: 'lateAck', upTo: 'await:acknowledgement', end: { state: 'informal.awaitingAcknowledgement' } },
  { path: 'informal', upTo: 'acknowledge', end: { state: 'informal.inDiscussion' } },
  { path: 'formal', upTo: 'add-note', end: { state: 'informal.inDiscussion' }, choices: { note: true } },
  { path: 'formal', upTo: 'lodge-formal', end: { state: 'formal.awaitingAcknowledgement' } },
  { path: 'urgent', upTo: 'raise', end: { state: 'formal.awaitingAcknowledgement' } },
  { path: 'formal', upTo: 'acknowledge-formal', end: { state: 'formal.awaitingResponse' } },
  { path: 'formal', upTo: 'extend-response-deadline', end: { state: 'formal.awaitingResponse' }, choices: { extension: true } },
  { path: 'formal', upTo: 'respond', end: { state: 'formal.awaitingDecision' } },
  { path: 'upheld', upTo: 'refer-to-cdg', end: { state: 'cdg.triage' } },
  { path: 'mediation', upTo: 'appoint-mediator', end: { state: 'cdg.mediation' } },
  { path: 'mediation', upTo: 'record-session', end: { state: 'cdg.mediation' } },
  { path: 'partly', upTo: 'appoint-panel', end: { state: 'cdg.panel.hearing' } },
  { path: 'upheld', upTo: 'record-hearing', end: { state: 'cdg.panel.deliberation' } },
  { path: 'partly', upTo: 'respond-to-findings:complainant', end: { state: 'cdg.awaitingResponses' } },
  { path: 'informal', upTo: 'agree-resolution', end: { state: 'actionsOpen' }, choices: { withAction: true, actionCompleted: true } },
  { path: 'suspended', upTo: 'suspend', end: { state: 'suspended' } },
  { path: 'withdrawn', upTo: 'withdraw', end: { state: 'closed', outcome: 'withdrawn' } },
];
