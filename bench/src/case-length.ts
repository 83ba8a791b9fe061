import { DisputeRepository } from '#application';
import { busCast, startBenchEngine } from './bus-cast.js';
import { RAISE } from './lifecycle.js';
import { median } from './stats.js';

export interface CaseLengthResult {
  /** Median ms of commands 10–30 on one case (about the 20th). */
  readonly command20Ms: number;
  /** Median ms of commands 1,990–2,010 on the same case (about the 2,000th). */
  readonly command2000Ms: number;
  /** Loading a 1,000-event case from the store into its state, nothing cached (median ms). */
  readonly rehydrate1000Ms: number;
}

/**
 * One case, 2,010 notes on it one after another through the command bus, each timed; when the
 * case holds 1,000 events its state is dropped from the cache and loaded again from the log.
 */
export async function measureCaseLength(dataDir: string): Promise<CaseLengthResult> {
  const app = await startBenchEngine(dataDir);
  try {
    const { cast, sender } = await busCast(app);
    const repository = app.get(DisputeRepository);
    const caseId = await sender.raise('complainant', RAISE(cast));
    const times: number[] = [];
    const rehydrate: number[] = [];
    for (let n = 1; n <= 2_010; n++) {
      const started = performance.now();
      await sender.run(n % 2 === 0 ? 'complainant' : 'respondent', caseId, 'add-note', { text: `Note ${n}: a meeting is booked for next week` });
      times.push(performance.now() - started);
      if (n === 999) {
        for (let round = 0; round < 7; round++) {
          repository.forget(caseId);
          const t = performance.now();
          await repository.load(caseId);
          rehydrate.push(performance.now() - t);
        }
      }
    }
    return { command20Ms: median(times.slice(9, 30)), command2000Ms: median(times.slice(1_989, 2_010)), rehydrate1000Ms: median(rehydrate) };
  } finally {
    await app.close();
  }
}
