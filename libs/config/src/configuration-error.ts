/** One environment variable that cannot be used, and why. */
export interface SettingProblem {
  readonly variable: string;
  readonly reason: string;
}

/**
 * A start-up refusal: the environment names a setting we cannot run with. The message lists every
 * bad variable at once, so an operator fixes them in one go; entry points print it without a stack.
 */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly SettingProblem[]) {
    super(['Invalid configuration:', ...problems.map((p) => `  - ${p.variable}: ${p.reason}`)].join('\n'));
    this.name = 'ConfigurationError';
  }
}
