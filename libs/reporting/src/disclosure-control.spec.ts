import fc from 'fast-check';
import { type CellStatus, type DisclosureProblem, protectSmallCounts, type SumRelation } from './disclosure-control.js';

/**
 * The reader as an adversary: every assignment of values to the suppressed cells that agrees with
 * everything published (the sums, the caps, "fewer than 3" means 0–2, "withheld" means 3 or more,
 * "not shown" means nothing).
 * A suppressed cell is safe when at least two values remain possible for it.
 */
function recoverable(problem: DisclosureProblem, status: ReadonlyMap<string, CellStatus>): string[] {
  const ids = [...problem.values.keys()];
  const hidden = ids.filter((id) => status.get(id) !== 'published');
  const ceiling = 2 * Math.max(0, ...problem.values.values()) + 3;
  const domain = (id: string) =>
    status.get(id) === 'fewer than 3'
      ? [0, 1, 2]
      : status.get(id) === 'not shown'
        ? Array.from({ length: ceiling + 1 }, (_, i) => i)
        : Array.from({ length: ceiling - 2 }, (_, i) => i + 3);
  const seen = new Map(hidden.map((id) => [id, new Set<number>()]));
  const value = new Map(problem.values);
  const consistent = () =>
    problem.sums.every((s) => s.parts.reduce((n, p) => n + value.get(p)!, 0) === value.get(s.total)) &&
    (problem.caps ?? []).every((c) => value.get(c.cell)! <= value.get(c.atMost)!);
  const walk = (i: number) => {
    if (i === hidden.length) {
      if (consistent()) for (const id of hidden) seen.get(id)!.add(value.get(id)!);
      return;
    }
    const id = hidden[i]!;
    for (const v of domain(id)) {
      value.set(id, v);
      walk(i + 1);
    }
    value.set(id, problem.values.get(id)!);
  };
  walk(0);
  return hidden.filter((id) => seen.get(id)!.size < 2);
}

const sumOf = (values: Map<string, number>, total: string, parts: string[]): SumRelation => {
  values.set(total, parts.reduce((n, p) => n + values.get(p)!, 0));
  return { total, parts };
};

function oneColumn(parts: number[]): DisclosureProblem {
  const values = new Map(parts.map((v, i) => [`p${i}`, v]));
  return { values, sums: [sumOf(values, 'total', parts.map((_, i) => `p${i}`))] };
}

const everyTable = (width: number, max: number): number[][] =>
  width === 0 ? [[]] : everyTable(width - 1, max).flatMap((t) => Array.from({ length: max + 1 }, (_, v) => [...t, v]));

describe('small-number protection of the public edition', () => {
  it('shows every count below 3 as "fewer than 3" and leaves 3 and above alone when nothing can be worked back', () => {
    const status = protectSmallCounts({ values: new Map([['a', 0], ['b', 2], ['c', 3], ['d', 40]]), sums: [] });
    expect(Object.fromEntries(status)).toEqual({ a: 'fewer than 3', b: 'fewer than 3', c: 'published', d: 'published' });
  });

  it('withholds the next smallest part when one small part would be the total minus the others', () => {
    const problem = oneColumn([2, 7, 5]);
    const status = protectSmallCounts(problem);
    expect(Object.fromEntries(status)).toEqual({ p0: 'fewer than 3', p1: 'published', p2: 'withheld', total: 'published' });
  });

  it('withholds more when two small parts would still be pinned by the total (2 + 2 = 4 leaves no doubt)', () => {
    const problem = oneColumn([2, 2, 9]);
    expect(recoverable(problem, protectSmallCounts(problem))).toEqual([]);
    expect(protectSmallCounts(problem).get('p2')).toBe('withheld');
  });

  it.each([
    [1, 9],
    [2, 7],
    [3, 6],
  ])('leaves no suppressed cell of any one-column table of %i parts (0–%i each) recoverable from its total', (width, max) => {
    for (const parts of everyTable(width, max)) {
      const problem = oneColumn(parts);
      const status = protectSmallCounts(problem);
      expect({ parts, recoverable: recoverable(problem, status) }).toEqual({ parts, recoverable: [] });
    }
  });

  it('leaves nothing recoverable in any two breakdowns of one total (outcomes and stages of the cases closed), 0–4 each', () => {
    for (const [a, b, c, d] of everyTable(4, 4)) {
      const values = new Map([['o1', a!], ['o2', b!], ['s1', c!], ['s2', d!]]);
      if (a! + b! !== c! + d!) continue;
      values.set('closed', a! + b!);
      const problem = { values, sums: [{ total: 'closed', parts: ['o1', 'o2'] }, { total: 'closed', parts: ['s1', 's2'] }] };
      expect({ values: [a, b, c, d], recoverable: recoverable(problem, protectSmallCounts(problem)) }).toEqual({ values: [a, b, c, d], recoverable: [] });
    }
  });

  it('leaves nothing recoverable when a part is itself broken down (clause 3.2 and its checks), with caps of 3 or more, 0–3 each', () => {
    for (const [met, notMet, other, opened] of everyTable(4, 3)) {
      const values = new Map([['met', met!], ['not-met', notMet!], ['clause-3.4', other!]]);
      const checks = sumOf(values, 'clause-3.2', ['met', 'not-met']);
      const citations = sumOf(values, 'citations', ['clause-3.2', 'clause-3.4']);
      // A breakdown capped by a small count is left out of the report altogether: caps are 3 or more.
      values.set('opened', Math.max(3, values.get('clause-3.2')!, other!) + opened!);
      const problem = {
        values,
        sums: [citations, checks],
        caps: [{ cell: 'clause-3.2', atMost: 'opened' }, { cell: 'clause-3.4', atMost: 'opened' }],
      };
      const status = protectSmallCounts(problem);
      expect({ values: Object.fromEntries(values), recoverable: recoverable(problem, status) }).toEqual({ values: Object.fromEntries(values), recoverable: [] });
    }
  });

  it('leaves out a breakdown when withholding cannot protect it: three parts below 3 against two of 3 or more pin a total of 6', () => {
    const values = new Map([['a0', 2], ['a1', 2], ['a2', 2], ['c0', 1], ['c1', 1], ['T', 6], ['b0', 3], ['b1', 3]]);
    const problem: DisclosureProblem = {
      values,
      sums: [
        { total: 'a1', parts: ['c0', 'c1'] },
        { total: 'T', parts: ['a0', 'a1', 'a2'] },
        { total: 'T', parts: ['b0', 'b1'] },
      ],
    };
    const status = protectSmallCounts(problem);
    expect(recoverable(problem, status)).toEqual([]);
    expect([status.get('b0'), status.get('b1')]).toEqual(['not shown', 'not shown']);
    expect(status.get('a0')).toBe('fewer than 3');
  });

  it('leaves no suppressed cell recoverable by subtraction from the published totals, for random trees of sums', () => {
    const problemArb = fc
      .record({
        first: fc.array(fc.nat({ max: 8 }), { minLength: 1, maxLength: 3 }),
        second: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
        child: fc.option(fc.tuple(fc.nat({ max: 2 }), fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 2 })), { nil: undefined }),
      })
      .map(({ first, second, child }) => {
        const values = new Map<string, number>();
        first.forEach((v, i) => values.set(`a${i}`, v));
        const sums: SumRelation[] = [];
        if (child) {
          // One part of the first column is broken down further: its value is the child's sum.
          const [at, parts] = child;
          const parent = `a${at % first.length}`;
          parts.forEach((v, i) => values.set(`c${i}`, v));
          sums.push(sumOf(values, parent, parts.map((_, i) => `c${i}`)));
        }
        sums.push(sumOf(values, 'T', first.map((_, i) => `a${i}`)));
        if (second !== undefined) {
          // A second breakdown of the same total: split it into two parts.
          const t = values.get('T')!;
          values.set('b0', Math.min(second, t));
          values.set('b1', t - Math.min(second, t));
          sums.push({ total: 'T', parts: ['b0', 'b1'] });
        }
        return { values, sums } as DisclosureProblem;
      });
    fc.assert(
      fc.property(problemArb, (problem) => {
        expect(recoverable(problem, protectSmallCounts(problem))).toEqual([]);
      }),
      { numRuns: Number(process.env['DISCLOSURE_RUNS'] ?? 150) },
    );
  });

  it('is deterministic: the same figures always give the same cells', () => {
    const problem = oneColumn([1, 4, 4, 8]);
    expect(protectSmallCounts(problem)).toEqual(protectSmallCounts(problem));
    expect(protectSmallCounts(problem).get('p1')).toBe('withheld');
  });
});
