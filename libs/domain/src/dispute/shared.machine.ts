import { type Role } from '../shared/actor.js';
import { type StepName, stageOfStep } from './dispute-context.js';
import { type Guard, update } from './machine-kit.js';
import { isComplainant, isRespondent } from './parties.js';

/** Guards every stage uses: which side acts, or in which role. */
export const sharedGuards = {
  complainant: (({ context, event }) => isComplainant(context, event.actor)) satisfies Guard,
  respondent: (({ context, event }) => isRespondent(context, event.actor)) satisfies Guard,
  actsAs: (({ event }, params) => event.actor.role === params.role) satisfies Guard<{ readonly role: Role }>,
};

export const sharedActions = {
  /** Entering a step: the case remembers it (suspension and reopening return to it) and the highest stage reached. */
  enterStep: update((c, _e, params: { readonly step: StepName }) => ({
    step: params.step,
    highestStage: Math.max(c.highestStage ?? 0, stageOfStep(params.step)) as NonNullable<typeof c.highestStage>,
  })),
};
