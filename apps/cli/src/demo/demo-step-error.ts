/** Where in the demo something went wrong: enough to find the case and the step, and to replay the plan. */
export interface DemoStepPlace {
  readonly caseIndex: number;
  readonly story: string;
  /** The step's number within its case (1 = the raise), and what it is. */
  readonly stepNumber: number;
  readonly label: string;
  readonly command: string;
  readonly by: string;
  readonly at: string;
  /** The instant the whole demo was planned for ("now"). */
  readonly plannedAsOf: string;
}

/** A demo step the engine refused (or that could not be planned), naming the case, the step and the instant. */
export class DemoStepError extends Error {
  constructor(
    readonly place: DemoStepPlace,
    reason: unknown,
  ) {
    super(
      `Demo case ${place.caseIndex} (${place.story}), step ${place.stepNumber} "${place.label}" (${place.command} by ${place.by}) ` +
        `at ${place.at}, in the demo planned as of ${place.plannedAsOf}: ${reason instanceof Error ? reason.message : String(reason)}`,
      { cause: reason },
    );
    this.name = 'DemoStepError';
  }
}

/** The place of a planned step, for an error message; `nameOf` turns a sender id into a name. */
export function placeOf(
  step: { readonly at: string; readonly stepIndex: number; readonly label: string; readonly by: string; readonly command: { readonly name: string } },
  planned: { readonly index: number; readonly story: string },
  plannedAsOf: string,
  nameOf: (by: string) => string,
): DemoStepPlace {
  return {
    caseIndex: planned.index,
    story: planned.story,
    stepNumber: step.stepIndex + 1,
    label: step.label,
    command: step.command.name,
    by: nameOf(step.by),
    at: step.at,
    plannedAsOf,
  };
}
