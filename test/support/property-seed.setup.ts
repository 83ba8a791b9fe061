import fc from 'fast-check';

/*
 * Property tests run the same cases on every run (and so in CI), from one seed: a failure is then
 * the code's, never the draw's. `FC_SEED=<n>` replays another seed; `FC_SEED=random` draws afresh
 * each run, for exploring (a failure prints the seed that replays it).
 */
const seed = process.env['FC_SEED'];
if (seed !== 'random') fc.configureGlobal({ seed: seed === undefined ? 20_070_601 : Number(seed) });
