import { checkNotice } from './notice-check.js';

describe('clause 3.2 notice check', () => {
  it('given notice on 2026-01-05 and the change on 2026-03-01, when checked, then it is 30 days short', () => {
    expect(checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-03-01' })).toEqual({
      clause: '3.2',
      result: 'not-met',
      detail: 'Notice received 2026-01-05; earliest change 2026-03-31; change took effect 2026-03-01: 30 days short',
      dates: {
        noticeReceived: '2026-01-05',
        earliestChange: '2026-03-31',
        changeEffective: '2026-03-01',
        shorterNoticeAgreed: null,
      },
    });
  });

  it('given the change on exactly D+85, when checked, then 3.2 is met', () => {
    const check = checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-03-31' });
    expect(check.result).toBe('met');
    expect(check.detail).toBe("Notice received 2026-01-05; earliest change 2026-03-31; change took effect 2026-03-31: 12 weeks' notice given");
  });

  it('given the change on D+84, when checked, then it is one day short', () => {
    const check = checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-03-30' });
    expect(check.result).toBe('not-met');
    expect(check.detail).toMatch(/: 1 day short$/);
  });

  it('given the change later than D+85, when checked, then 3.2 is met', () => {
    expect(checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-06-01' }).result).toBe('met');
  });

  it('given a year boundary and a leap year, when checked, then calendar days are counted exactly', () => {
    // 2023-12-10 + 85 days crosses New Year and 29 February 2024.
    expect(checkNotice({ noticeReceived: '2023-12-10', changeEffective: '2024-03-04' }).dates.earliestChange).toBe('2024-03-04');
  });

  it('given short notice with written agreement recorded as true, when checked, then 3.2 is met and the detail says so', () => {
    const check = checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-03-01', shorterNoticeAgreed: true });
    expect(check.result).toBe('met');
    expect(check.detail).toBe(
      'Notice received 2026-01-05; earliest change 2026-03-31; change took effect 2026-03-01: 30 days short, but both sides recorded written agreement to shorter notice',
    );
    expect(check.dates.shorterNoticeAgreed).toBe(true);
  });

  it('given short notice with written agreement dated, when checked, then 3.2 is met and the agreement date is named', () => {
    const check = checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-03-01', shorterNoticeAgreed: '2026-01-20' });
    expect(check.result).toBe('met');
    expect(check.detail).toMatch(/written agreement to shorter notice on 2026-01-20$/);
    expect(check.dates.shorterNoticeAgreed).toBe('2026-01-20');
  });

  it('given shorterNoticeAgreed false or malformed, when notice was short, then 3.2 is not met', () => {
    expect(checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-03-01', shorterNoticeAgreed: false }).result).toBe('not-met');
    expect(checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-03-01', shorterNoticeAgreed: 'yes' }).result).toBe('not-met');
  });

  it('given a change that took effect before notice was received, when checked, then it is not met by more than 85 days', () => {
    const check = checkNotice({ noticeReceived: '2026-01-05', changeEffective: '2026-01-01' });
    expect(check.result).toBe('not-met');
    expect(check.detail).toMatch(/: 89 days short$/);
  });

  it('given no change date, when checked, then it is not checkable and names what is missing', () => {
    expect(checkNotice({ noticeReceived: '2026-01-05' })).toEqual({
      clause: '3.2',
      result: 'not-checkable',
      detail: 'Notice period not checkable: change effective date missing',
      dates: { noticeReceived: '2026-01-05', earliestChange: null, changeEffective: null, shorterNoticeAgreed: null },
    });
  });

  it('given no dates but an agreement, when checked, then it is still not checkable', () => {
    const check = checkNotice({ shorterNoticeAgreed: true });
    expect(check.result).toBe('not-checkable');
    expect(check.detail).toBe('Notice period not checkable: notice received date missing; change effective date missing');
  });

  it('given an impossible date, when checked, then it is not checkable and says why', () => {
    const check = checkNotice({ noticeReceived: '2026-02-30', changeEffective: '2026-06-01' });
    expect(check.result).toBe('not-checkable');
    expect(check.detail).toBe('Notice period not checkable: notice received date is not a valid date (2026-02-30)');
  });
});
