import cliProgress from 'cli-progress';
import { type ReadModels, type RebuildResult } from '#projections';

/**
 * What `cli rebuild` runs: rebuilds each named projection (all when none are named) from position 0,
 * one bar per projection (log positions applied out of the head), then swaps it in. Refused, before
 * anything is touched, while another process (a running server) has the read models open.
 */
export async function rebuildWithProgressBar(
  readModels: ReadModels,
  names: readonly string[] = [],
  stream: NodeJS.WritableStream = process.stderr,
): Promise<RebuildResult[]> {
  const chosen = names.length > 0 ? [...new Set(names)] : readModels.names;
  const unknown = chosen.filter((n) => !readModels.names.includes(n));
  if (unknown.length > 0) throw new Error(`No read model called ${unknown.join(', ')}; there are ${readModels.names.join(', ')}`);
  readModels.claimForRebuild();
  const width = Math.max(...chosen.map((n) => n.length));
  const bars = new cliProgress.MultiBar(
    {
      format: '{name} [{bar}] {percentage}% | {value}/{total} events',
      hideCursor: true,
      clearOnComplete: false,
      stream,
    },
    cliProgress.Presets.shades_classic,
  );
  const results: RebuildResult[] = [];
  try {
    for (const name of chosen) {
      const payload = { name: name.padEnd(width) };
      const bar = bars.create(1, 0, payload);
      const result = await readModels.rebuild(name, (p) => {
        bar.setTotal(Math.max(1, Number(p.head)));
        bar.update(Number(p.position), payload);
      });
      bar.setTotal(Math.max(1, Number(result.position)));
      bar.update(Math.max(1, Number(result.position)), payload);
      results.push(result);
    }
  } finally {
    bars.stop();
  }
  return results;
}
