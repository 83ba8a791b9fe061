import { addCalendarDays, calendarDaysBetween, isValidIsoDate } from '../calendar/iso-date.js';
import type { ClauseCheck, ClauseDates } from './clause-check.js';
import { TWELVE_WEEKS_IN_DAYS, days, missingDates } from './twelve-weeks.js';

/**
 * Compact 3.4: 12-week consultations "wherever possible". Materials received on day O require the
 * consultation to close on or after O+84; a shorter period is acceptable only with a recorded reason,
 * and the system records that a reason was given, never whether it was a good one.
 */
export function checkConsultation(input: ClauseDates): ClauseCheck {
  const { consultationOpened, consultationClosed } = input;
  const reason = input.shorterConsultationReason?.trim() || null;
  const dates = {
    consultationOpened: consultationOpened ?? null,
    earliestClose: null as string | null,
    consultationClosed: consultationClosed ?? null,
    shorterConsultationReason: reason,
  };

  const problems = missingDates({ 'consultation opened date': consultationOpened, 'consultation closed date': consultationClosed });
  if (!isValidIsoDate(consultationOpened) || !isValidIsoDate(consultationClosed)) {
    return { clause: '3.4', result: 'not-checkable', detail: `Consultation period not checkable: ${problems.join('; ')}`, dates };
  }

  const earliestClose = addCalendarDays(consultationOpened, TWELVE_WEEKS_IN_DAYS);
  dates.earliestClose = earliestClose;
  const length = calendarDaysBetween(consultationOpened, consultationClosed);
  const stated = `Consultation materials received ${consultationOpened}; 12 weeks ends ${earliestClose}; consultation closed ${consultationClosed}`;
  const short = calendarDaysBetween(consultationClosed, earliestClose);

  if (short <= 0) return { clause: '3.4', result: 'met', detail: `${stated}: 12 weeks given`, dates };
  // No reason can justify a consultation that had closed before the materials arrived.
  if (length < 0) {
    return { clause: '3.4', result: 'not-met', detail: `${stated}: the materials arrived after the consultation had closed`, dates };
  }
  if (reason) {
    return {
      clause: '3.4',
      result: 'met',
      detail: `${stated}: a shorter period of ${days(length)} was justified with the recorded reason "${reason}"`,
      dates,
    };
  }
  return { clause: '3.4', result: 'not-met', detail: `${stated}: ${days(short)} short and no reason recorded for a shorter period`, dates };
}
