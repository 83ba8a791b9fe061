/**
 * Small-number protection for the public edition (statistical disclosure control).
 *
 * Every count below 3 is shown as "fewer than 3" (primary suppression). A reader who knows how the
 * published figures add up must not be able to work such a count out again, so the figures are
 * described by the sums a reader can see (`SumRelation`: the parts of a column add up to its
 * total) and the caps a part cannot exceed (`Cap`: a clause is cited by at most every case opened).
 * A reader knows that a "fewer than 3" cell holds 0, 1 or 2, and that a "withheld" cell holds 3 or
 * more. A cap must itself be published and at least 3 (the report leaves out a breakdown whose
 * cap is a small count: see public-edition.ts). From what is published, each suppressed cell's feasible range is worked out by bounds
 * propagation; while some suppressed cell has only one possible value, one more cell of a sum it
 * belongs to is withheld: the smallest published part (ties: the first listed), else the sum's
 * total (complementary suppression). Deterministic: the same figures give the same cells.
 *
 * The relations form a tree (a part belongs to one sum; sums share at most a total), for which
 * bounds propagation gives the exact range of each cell (checked by brute force in the spec).
 *
 * Withholding can run out of cells: "fewer than 3" parts of one breakdown and "withheld" parts of
 * another breakdown of the same total can still pin it (three parts of at most 2 against two of at
 * least 3 leave a total of exactly 6). Then one breakdown's parts are **not shown** at all, which
 * tells a reader nothing about them (0 or more), until nothing is pinned.
 */
export type CellStatus = 'published' | 'fewer than 3' | 'withheld' | 'not shown';

export interface SumRelation {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface Cap {
  readonly cell: string;
  readonly atMost: string;
}

export interface DisclosureProblem {
  readonly values: ReadonlyMap<string, number>;
  readonly sums: readonly SumRelation[];
  readonly caps?: readonly Cap[];
}

export const SMALL_COUNT = 3;

interface Range {
  lo: number;
  hi: number;
}

/** What a reader knows of a cell from how it is shown. */
const RANGE_OF: Readonly<Record<CellStatus, (value: number) => Range>> = {
  published: (value) => ({ lo: value, hi: value }),
  'fewer than 3': () => ({ lo: 0, hi: SMALL_COUNT - 1 }),
  withheld: () => ({ lo: SMALL_COUNT, hi: Infinity }),
  'not shown': () => ({ lo: 0, hi: Infinity }),
};

/** The range of values a reader can deduce for every cell, given what is published. */
export function deducibleRanges(problem: DisclosureProblem, status: ReadonlyMap<string, CellStatus>): Map<string, Range> {
  const ranges = new Map<string, Range>();
  for (const [id, value] of problem.values) {
    const s = status.get(id) ?? 'published';
    ranges.set(id, RANGE_OF[s](value));
  }
  const range = (id: string): Range => {
    const r = ranges.get(id);
    if (!r) throw new Error(`No figure ${id}`);
    return r;
  };
  // Each pass can only narrow ranges; values are small integers, so this settles quickly.
  for (let pass = 0; pass < 1_000; pass++) {
    let changed = false;
    const narrow = (id: string, lo: number, hi: number) => {
      const r = range(id);
      const nlo = Math.max(r.lo, lo);
      const nhi = Math.min(r.hi, hi);
      if (nlo !== r.lo || nhi !== r.hi) {
        r.lo = nlo;
        r.hi = nhi;
        changed = true;
      }
    };
    for (const { total, parts } of problem.sums) {
      const ps = parts.map(range);
      const loSum = ps.reduce((s, r) => s + r.lo, 0);
      // Unbounded parts are counted apart, so that taking one away never computes Infinity - Infinity.
      const unbounded = ps.filter((r) => r.hi === Infinity).length;
      const finiteHiSum = ps.reduce((s, r) => (r.hi === Infinity ? s : s + r.hi), 0);
      narrow(total, loSum, unbounded > 0 ? Infinity : finiteHiSum);
      const t = range(total);
      parts.forEach((id, i) => {
        const r = ps[i] as Range;
        const othersHi = unbounded - (r.hi === Infinity ? 1 : 0) > 0 ? Infinity : finiteHiSum - (r.hi === Infinity ? 0 : r.hi);
        narrow(id, t.lo - othersHi, t.hi - (loSum - r.lo));
      });
    }
    for (const { cell, atMost } of problem.caps ?? []) {
      narrow(cell, -Infinity, range(atMost).hi);
      narrow(atMost, range(cell).lo, Infinity);
    }
    if (!changed) break;
  }
  return ranges;
}

/** Which cells the public edition shows, and which it suppresses, and how. */
export function protectSmallCounts(problem: DisclosureProblem): Map<string, CellStatus> {
  const status = new Map<string, CellStatus>();
  for (const [id, value] of problem.values) status.set(id, value < SMALL_COUNT ? 'fewer than 3' : 'published');
  const sumsOf = (id: string) => problem.sums.filter((s) => s.total === id || s.parts.includes(id));

  for (let round = 0; round <= problem.values.size; round++) {
    const ranges = deducibleRanges(problem, status);
    const pinned = [...problem.values.keys()].filter((id) => status.get(id) !== 'published' && ranges.get(id)!.lo === ranges.get(id)!.hi);
    if (pinned.length === 0) return status;
    const next = pinned.map((id) => complementFor(id, sumsOf(id), problem.caps ?? [], problem.values, status)).find((c) => c !== null);
    if (next !== undefined && next !== null) {
      status.set(next, 'withheld');
      continue;
    }
    const breakdown = breakdownToLeaveOut(pinned.flatMap(sumsOf), status);
    if (breakdown === undefined) {
      // Nothing is left to leave out one breakdown at a time: show none of the suppressed cells' neighbours.
      for (const id of problem.values.keys()) if (status.get(id) !== 'published' || sumsOf(id).length > 0) status.set(id, 'not shown');
      return status;
    }
    for (const part of breakdown.parts) status.set(part, 'not shown');
  }
  return status;
}

/**
 * The breakdown whose parts are left out when no cell can be withheld: of the sums a pinned cell
 * is in, the one with the most parts a reader knows to be 3 or more (ties: the last listed), as
 * those are what hold the others in place.
 */
function breakdownToLeaveOut(sums: readonly SumRelation[], status: ReadonlyMap<string, CellStatus>): SumRelation | undefined {
  const open = sums.filter((s) => s.parts.some((p) => status.get(p) !== 'not shown'));
  const large = (s: SumRelation) => s.parts.filter((p) => status.get(p) === 'withheld' || status.get(p) === 'published').length;
  return open.reduce<SumRelation | undefined>((best, s) => (best === undefined || large(s) >= large(best) ? s : best), undefined);
}

/**
 * The cell to withhold so that `id` can no longer be worked out: the smallest published part of a
 * sum it is in (not one its cap would pin at 3 once withheld), else that sum's total, else the cap
 * that pins one of them.
 */
function complementFor(
  id: string,
  sums: readonly SumRelation[],
  caps: readonly Cap[],
  values: ReadonlyMap<string, number>,
  status: ReadonlyMap<string, CellStatus>,
): string | null {
  const pinnedByCap = (p: string) => caps.some((c) => c.cell === p && status.get(c.atMost) === 'published' && (values.get(c.atMost) ?? 0) <= SMALL_COUNT);
  for (const sum of sums) {
    const candidates = sum.parts.filter((p) => p !== id && status.get(p) === 'published' && !pinnedByCap(p));
    if (candidates.length > 0) {
      return candidates.reduce((best, p) => ((values.get(p) ?? 0) < (values.get(best) ?? 0) ? p : best));
    }
    if (sum.total !== id && status.get(sum.total) === 'published' && !pinnedByCap(sum.total)) return sum.total;
  }
  // Last resort: a cap of 3 holds a withheld cell at exactly 3; withhold the cap too.
  const related = [id, ...sums.flatMap((s) => [s.total, ...s.parts])];
  return caps.find((c) => related.includes(c.cell) && status.get(c.atMost) === 'published')?.atMost ?? null;
}
