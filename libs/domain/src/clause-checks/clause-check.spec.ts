import { checkClauses } from './clause-check.js';

const ALL_MET = {
  noticeReceived: '2026-01-05',
  changeEffective: '2026-04-01',
  consultationOpened: '2026-01-05',
  consultationClosed: '2026-03-30',
};

describe('checkClauses', () => {
  it('given both arithmetic clauses cited out of order, when checked, then 3.2 comes before 3.4', () => {
    const checks = checkClauses(['3.4', '2.6', '3.2'], ALL_MET);
    expect(checks.map((c) => [c.clause, c.result])).toEqual([
      ['3.2', 'met'],
      ['3.4', 'met'],
    ]);
  });

  it('given only other clauses, when checked, then there are no checks', () => {
    expect(checkClauses(['2.6', '4.1'], ALL_MET)).toEqual([]);
    expect(checkClauses([], ALL_MET)).toEqual([]);
  });

  it('given a clause cited twice or padded with spaces, when checked, then it is checked once', () => {
    expect(checkClauses(['3.2', ' 3.2 '], ALL_MET).map((c) => c.clause)).toEqual(['3.2']);
  });

  it('given a cited clause without dates, when checked, then it is not checkable', () => {
    expect(checkClauses(['3.4'], {})).toEqual([expect.objectContaining({ clause: '3.4', result: 'not-checkable' })]);
  });

  it('given clause ids that merely start like 3.2, when checked, then they are not checked', () => {
    expect(checkClauses(['3.21', '3.2.1', '13.4'], ALL_MET)).toEqual([]);
  });
});
