import { type LoggerService } from '@nestjs/common';
import { type Level, type Logger } from 'pino';
import { currentRequestLogger } from './logger-context.js';

/** A stack passed beside a message, as Nest's own exception handlers call error(message, stack). */
const STACK = /\n\s*at /;

/**
 * Nest's logger interface over pino: `new Logger('Context').warn(...)` anywhere in the app becomes
 * a JSON line with that `context`, written through the current request's child logger when there
 * is one (so it carries the correlation id). A line the level filters out costs one check.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: readonly unknown[]): void {
    const logger = currentRequestLogger() ?? this.root;
    if (!logger.isLevelEnabled(level)) return;
    // Nest's Logger appends its context; its error() puts an undefined stack before it when none is given.
    const rest = params.filter((param) => param !== undefined);
    const context = typeof rest.at(-1) === 'string' ? rest.pop() : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      fields.err = message;
      logger[level](fields, typeof rest[0] === 'string' ? String(rest.shift()) : message.message, ...rest);
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      logger[level](fields, typeof rest[0] === 'string' ? String(rest.shift()) : undefined, ...rest);
    } else if (level === 'error' && rest.length === 1 && typeof rest[0] === 'string' && STACK.test(rest[0])) {
      fields.err = Object.assign(new Error(String(message)), { stack: rest[0] });
      logger[level](fields, String(message));
    } else {
      logger[level](fields, String(message), ...rest);
    }
  }
}
