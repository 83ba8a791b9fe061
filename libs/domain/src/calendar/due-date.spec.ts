import { buildDueDate, halveWorkingDays } from './due-date.js';

describe('halveWorkingDays (urgent track)', () => {
  it.each([
    [5, 3],
    [10, 5],
    [15, 8],
    [20, 10],
    [30, 15],
    [1, 1],
    [0, 0],
  ])('given %i WD, when halved, then it is %i WD (rounded up)', (n, halved) => {
    expect(halveWorkingDays(n)).toBe(halved);
  });
});

describe('buildDueDate', () => {
  it('given the computed parts, when built, then the rule names the count, start day, jurisdiction and cut-off', () => {
    expect(
      buildDueDate({ startedOn: '2026-03-02', workingDays: 5, dueOn: '2026-03-09', calendarVersion: 'date-holidays@3.37.0 GB-ENG' }),
    ).toEqual({
      startedOn: '2026-03-02',
      workingDays: 5,
      dueOn: '2026-03-09',
      rule: '5 WD after 2026-03-02, England and Wales, 16:30 cut-off',
      calendarVersion: 'date-holidays@3.37.0 GB-ENG',
    });
  });
});
