import { clientPosition, portPosition } from './positions.js';

describe('log positions', () => {
  it('are the commit position, handed back to the server as commit = prepare', () => {
    expect(portPosition({ commit: 1_234_567n, prepare: 1_234_567n })).toBe(1_234_567n);
    expect(clientPosition(1_234_567n)).toEqual({ commit: 1_234_567n, prepare: 1_234_567n });
  });

  it('keep order and exactness beyond 2^53 (the log is byte-addressed and grows past safe integers)', () => {
    const big = 2n ** 60n + 7n;
    expect(portPosition(clientPosition(big))).toBe(big);
    expect(portPosition(clientPosition(big + 1n)) > portPosition(clientPosition(big))).toBe(true);
  });

  it('refuse a negative position', () => {
    expect(() => clientPosition(-1n)).toThrow(RangeError);
  });
});
