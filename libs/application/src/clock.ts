/** The only source of "now" for the application; the domain never reads the clock itself. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved: CLOCK_FIXED, demos that walk through years, tests. */
export class SettableClock implements Clock {
  private instant: number;

  constructor(start: Date | string) {
    this.instant = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date | string): void {
    this.instant = new Date(instant).getTime();
  }
}
