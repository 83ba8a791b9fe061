import { addCalendarDays, calendarDaysBetween, isValidIsoDate } from '../calendar/iso-date.js';
import type { ClauseCheck, ClauseDates } from './clause-check.js';
import { TWELVE_WEEKS_IN_DAYS, days, missingDates } from './twelve-weeks.js';

/**
 * Compact 3.2: 12 weeks' notice of a change. The 84 days run from the day after notice is received,
 * so notice received on day D allows the change to take effect on D+85 at the earliest. Less is
 * fine only when both sides recorded written agreement to it.
 */
export function checkNotice(input: ClauseDates): ClauseCheck {
  const { noticeReceived, changeEffective } = input;
  const agreed = shorterNoticeAgreement(input.shorterNoticeAgreed);
  const dates = {
    noticeReceived: noticeReceived ?? null,
    earliestChange: null as string | null,
    changeEffective: changeEffective ?? null,
    shorterNoticeAgreed: input.shorterNoticeAgreed ?? null,
  };

  const problems = missingDates({ 'notice received date': noticeReceived, 'change effective date': changeEffective });
  if (!isValidIsoDate(noticeReceived) || !isValidIsoDate(changeEffective)) {
    return { clause: '3.2', result: 'not-checkable', detail: `Notice period not checkable: ${problems.join('; ')}`, dates };
  }

  const earliestChange = addCalendarDays(noticeReceived, TWELVE_WEEKS_IN_DAYS + 1);
  dates.earliestChange = earliestChange;
  const stated = `Notice received ${noticeReceived}; earliest change ${earliestChange}; change took effect ${changeEffective}`;
  const short = calendarDaysBetween(changeEffective, earliestChange);

  if (short <= 0) return { clause: '3.2', result: 'met', detail: `${stated}: 12 weeks' notice given`, dates };
  if (agreed.agreed) {
    const when = agreed.on ? ` on ${agreed.on}` : '';
    return {
      clause: '3.2',
      result: 'met',
      detail: `${stated}: ${days(short)} short, but both sides recorded written agreement to shorter notice${when}`,
      dates,
    };
  }
  return { clause: '3.2', result: 'not-met', detail: `${stated}: ${days(short)} short`, dates };
}

/** `true` or a valid date means agreement was recorded; false, absent or a malformed value does not. */
function shorterNoticeAgreement(value: ClauseDates['shorterNoticeAgreed']): { agreed: boolean; on?: string } {
  if (value === true) return { agreed: true };
  if (isValidIsoDate(value)) return { agreed: true, on: value };
  return { agreed: false };
}
