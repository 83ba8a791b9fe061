import { createRequire } from 'node:module';
import { WorkingDayCalendar } from '#domain';

/** The calendar version recorded on every due date names the holiday data that computed it. */
export function createCalendar(): WorkingDayCalendar {
  const version = (createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version;
  return new WorkingDayCalendar(`date-holidays@${version} GB-ENG`);
}
