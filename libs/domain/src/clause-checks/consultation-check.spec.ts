import { checkConsultation } from './consultation-check.js';

describe('clause 3.4 consultation check', () => {
  it('given a consultation closing exactly 84 days after materials arrived, when checked, then 3.4 is met', () => {
    expect(checkConsultation({ consultationOpened: '2026-01-05', consultationClosed: '2026-03-30' })).toEqual({
      clause: '3.4',
      result: 'met',
      detail: 'Consultation materials received 2026-01-05; 12 weeks ends 2026-03-30; consultation closed 2026-03-30: 12 weeks given',
      dates: {
        consultationOpened: '2026-01-05',
        earliestClose: '2026-03-30',
        consultationClosed: '2026-03-30',
        shorterConsultationReason: null,
      },
    });
  });

  it('given a consultation closing one day early without a reason, when checked, then 3.4 is not met', () => {
    const check = checkConsultation({ consultationOpened: '2026-01-05', consultationClosed: '2026-03-29' });
    expect(check.result).toBe('not-met');
    expect(check.detail).toMatch(/: 1 day short and no reason recorded for a shorter period$/);
  });

  it('given a 6-week consultation with a recorded reason, when checked, then 3.4 is met and the reason is quoted', () => {
    const check = checkConsultation({
      consultationOpened: '2026-01-05',
      consultationClosed: '2026-02-16',
      shorterConsultationReason: '  Statutory deadline set by the Department  ',
    });
    expect(check.result).toBe('met');
    expect(check.detail).toBe(
      'Consultation materials received 2026-01-05; 12 weeks ends 2026-03-30; consultation closed 2026-02-16: ' +
        'a shorter period of 42 days was justified with the recorded reason "Statutory deadline set by the Department"',
    );
    expect(check.dates.shorterConsultationReason).toBe('Statutory deadline set by the Department');
  });

  it('given a shorter consultation with a blank reason, when checked, then 3.4 is not met', () => {
    const check = checkConsultation({ consultationOpened: '2026-01-05', consultationClosed: '2026-02-16', shorterConsultationReason: '   ' });
    expect(check.result).toBe('not-met');
    expect(check.detail).toMatch(/: 42 days short and no reason/);
    expect(check.dates.shorterConsultationReason).toBeNull();
  });

  it('given materials that arrived after the consultation closed, when checked, then no reason makes 3.4 met', () => {
    const check = checkConsultation({
      consultationOpened: '2026-03-01',
      consultationClosed: '2026-02-20',
      shorterConsultationReason: 'urgent',
    });
    expect(check.result).toBe('not-met');
    expect(check.detail).toMatch(/the materials arrived after the consultation had closed$/);
  });

  it('given a missing close date, when checked, then 3.4 is not checkable', () => {
    const check = checkConsultation({ consultationOpened: '2026-01-05' });
    expect(check.result).toBe('not-checkable');
    expect(check.detail).toBe('Consultation period not checkable: consultation closed date missing');
    expect(check.dates).toEqual({
      consultationOpened: '2026-01-05',
      earliestClose: null,
      consultationClosed: null,
      shorterConsultationReason: null,
    });
  });

  it('given a missing open date, when checked, then 3.4 is not checkable', () => {
    expect(checkConsultation({ consultationClosed: '2026-03-30' }).result).toBe('not-checkable');
  });
});
