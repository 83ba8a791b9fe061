import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { type AppSettings } from '#config';
import { createLogger } from './logger.js';
import { PinoLoggerService } from './logger.service.js';

type LogLine = Record<string, unknown>;

/** A real pino logger (createLogger) whose lines are read back. */
function captured(logLevel: AppSettings['logLevel']): { logger: ReturnType<typeof createLogger>; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text.trim() !== '') lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  return { logger: createLogger({ logLevel }, destination), lines };
}

function loggerAt(logLevel: AppSettings['logLevel']): { service: PinoLoggerService; lines: LogLine[] } {
  const { logger, lines } = captured(logLevel);
  return { service: new PinoLoggerService(logger), lines };
}

describe('PinoLoggerService', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('writes a Nest Logger\'s message with its context, at the matching pino level', () => {
    const { service, lines } = loggerAt('trace');
    Logger.overrideLogger(service);
    const logger = new Logger('Scheduler');
    logger.log('ran');
    logger.warn('late');
    logger.debug('detail');
    logger.verbose('more detail');
    logger.fatal('gone');
    expect(lines.map(({ level, msg, context }) => ({ level, msg, context }))).toEqual([
      { level: 30, msg: 'ran', context: 'Scheduler' },
      { level: 40, msg: 'late', context: 'Scheduler' },
      { level: 20, msg: 'detail', context: 'Scheduler' },
      { level: 10, msg: 'more detail', context: 'Scheduler' },
      { level: 60, msg: 'gone', context: 'Scheduler' },
    ]);
  });

  it('writes an error as `err` with its stack, and a message with fields as fields', () => {
    const { service, lines } = loggerAt('info');
    Logger.overrideLogger(service);
    new Logger('Store').error(new Error('disk full'));
    new Logger('Health').warn({ err: new Error('ping failed'), attempt: 2 }, 'Event store ping failed');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'disk full', context: 'Store', err: { type: 'Error', message: 'disk full' } });
    expect((lines[0]?.err as { stack: string }).stack).toContain('logger.service.spec');
    expect(lines[1]).toMatchObject({ level: 40, msg: 'Event store ping failed', context: 'Health', attempt: 2, err: { message: 'ping failed' } });
  });

  it('turns Nest\'s error(message, stack) into an `err` with that stack', () => {
    const { service, lines } = loggerAt('info');
    const stack = 'Error: boom\n    at somewhere (file.js:1:1)';
    service.error('boom', stack, 'ExceptionHandler');
    expect(lines).toEqual([expect.objectContaining({ msg: 'boom', context: 'ExceptionHandler', err: expect.objectContaining({ message: 'boom', stack }) })]);
  });

  it('writes nothing below LOG_LEVEL, and does not even read what it was given', () => {
    const { service, lines } = loggerAt('warn');
    let reads = 0;
    const costly = {
      get fields() {
        reads += 1;
        return 'expensive';
      },
    };
    service.log(costly, 'Quiet');
    service.debug(costly, 'Quiet');
    service.warn('kept', 'Quiet');
    expect(reads).toBe(0);
    expect(lines.map((line) => line.msg)).toEqual(['kept']);
  });
});

describe('createLogger', () => {
  it('censors authorization, cookie and idempotency-key request headers and set-cookie response headers', () => {
    const { logger, lines } = captured('info');
    logger.info(
      {
        req: { headers: { authorization: 'Bearer s3cret-token', cookie: 'session=s3cret', 'idempotency-key': 's3cret-key', accept: 'application/json' } },
        res: { headers: { 'set-cookie': 'session=s3cret' } },
      },
      'headers',
    );
    expect(lines).toEqual([
      expect.objectContaining({
        req: { headers: { authorization: '[redacted]', cookie: '[redacted]', 'idempotency-key': '[redacted]', accept: 'application/json' } },
        res: { headers: { 'set-cookie': '[redacted]' } },
        time: expect.any(String),
      }),
    ]);
  });
});
