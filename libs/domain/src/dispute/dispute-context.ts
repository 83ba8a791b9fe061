import { type ActionsContext, EMPTY_ACTIONS } from './actions/actions.context.js';
import { type CaseFileContext, EMPTY_CASE_FILE } from './case-file/case-file.context.js';
import { type CdgContext, EMPTY_CDG } from './cdg/cdg.context.js';
import { type ClocksContext, EMPTY_CLOCKS } from './clocks/clocks.context.js';
import { type ClosureContext, EMPTY_CLOSURE } from './closure/closure.context.js';
import { EMPTY_FORMAL, type FormalContext } from './formal/formal.context.js';
import { EMPTY_RAISING, type RaisingContext } from './raising/raising.context.js';
import { type Stage } from './vocabulary.js';

export type { ActionStatus, AgreedAction } from './actions/actions.context.js';
export type { Evidence, Lesson, Note } from './case-file/case-file.context.js';
export type { Objection, Panel } from './cdg/cdg.context.js';

/** The step a case is in, as a dotted state name (`formal.awaitingResponse`). */
export type StepName =
  | 'informal.awaitingAcknowledgement'
  | 'informal.inDiscussion'
  | 'formal.awaitingAcknowledgement'
  | 'formal.awaitingResponse'
  | 'formal.awaitingDecision'
  | 'cdg.triage'
  | 'cdg.mediation'
  | 'cdg.panel.hearing'
  | 'cdg.panel.deliberation'
  | 'cdg.awaitingResponses';

export const STEP_NAMES: readonly StepName[] = [
  'informal.awaitingAcknowledgement',
  'informal.inDiscussion',
  'formal.awaitingAcknowledgement',
  'formal.awaitingResponse',
  'formal.awaitingDecision',
  'cdg.triage',
  'cdg.mediation',
  'cdg.panel.hearing',
  'cdg.panel.deliberation',
  'cdg.awaitingResponses',
];

export function stageOfStep(step: StepName): Stage {
  if (step.startsWith('informal.')) return 1;
  if (step.startsWith('formal.')) return 2;
  return 3;
}

/** Where the case is in the process, whatever stage: kept as data so suspension and reopening can return to it. */
export interface CaseProgress {
  readonly lastEventAt: string;
  /** The step the case is in (kept as data so suspension and reopening can return to it). */
  readonly step: StepName | null;
  readonly highestStage: Stage | null;
}

/**
 * The case as the machine keeps it: each stage's part (raising/, formal/, cdg/, actions/,
 * closure/, case-file/, clocks/) and where the case is.
 */
export interface DisputeContext
  extends CaseProgress,
    RaisingContext,
    FormalContext,
    CdgContext,
    ActionsContext,
    ClosureContext,
    CaseFileContext,
    ClocksContext {}

export const EMPTY_CONTEXT: DisputeContext = {
  lastEventAt: '',
  step: null,
  highestStage: null,
  ...EMPTY_RAISING,
  ...EMPTY_FORMAL,
  ...EMPTY_CDG,
  ...EMPTY_ACTIONS,
  ...EMPTY_CLOSURE,
  ...EMPTY_CASE_FILE,
  ...EMPTY_CLOCKS,
};
