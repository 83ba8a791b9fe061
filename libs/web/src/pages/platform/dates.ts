import { DateTime } from 'luxon';
import { type WorkingDayCalendar } from '#domain';

/** 2026-07-14 → Tuesday 14 July 2026. */
export function weekdayDate(iso: string): string {
  return DateTime.fromISO(iso.slice(0, 10), { zone: 'Europe/London' }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** Every ISO date in a sentence in words: "notice received 2026-02-02" → "notice received 2 February 2026". */
export function datesInWords(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => {
    const date = DateTime.fromISO(iso, { zone: 'Europe/London' });
    return date.isValid ? date.setLocale('en-GB').toFormat('d LLLL yyyy') : iso;
  });
}

/** An instant as London reads it: 14 July 2026, 3:05pm. */
export function londonDateTime(instant: string): string {
  return DateTime.fromISO(instant, { zone: 'Europe/London' }).setLocale('en-GB').toFormat("d LLLL yyyy, h:mma").replace('AM', 'am').replace('PM', 'pm');
}

/** How a due date stands today, in working days (the domain's calendar): "6 working days left", "due today", "3 working days overdue". */
export function workingDaysWords(dueOn: string, today: string, calendar: WorkingDayCalendar): { readonly text: string; readonly overdue: boolean } {
  if (dueOn < today) {
    const late = calendar.workingDaysBetween(dueOn, today);
    return { text: late === 0 ? 'overdue' : `${late} working day${late === 1 ? '' : 's'} overdue`, overdue: true };
  }
  if (dueOn === today) return { text: 'due today', overdue: false };
  const left = calendar.workingDaysBetween(today, dueOn);
  return { text: `${left} working day${left === 1 ? '' : 's'} left`, overdue: false };
}
