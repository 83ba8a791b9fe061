import 'reflect-metadata';
import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { RouteMetadata } from './route-metadata.js';

const MARK = 'test:mark';

class Base {
  @SetMetadata(MARK, 'handler')
  marked(): void {}

  unmarked(): void {}
}

@SetMetadata(MARK, 'class')
class Marked extends Base {}

class Unmarked extends Base {}

const contextOf = (controller: new () => Base, handler: () => void) => new ExecutionContextHost([], controller, handler);

describe('RouteMetadata', () => {
  const reflector = new Reflector();
  let reads = 0;
  const marks = new RouteMetadata((handler, controller) => {
    reads += 1;
    return reflector.getAllAndOverride<string | undefined>(MARK, [handler, controller]);
  });

  it('answers what Reflector answers, per handler and per controller (one handler can serve two)', () => {
    expect(marks.of(contextOf(Marked, Base.prototype.marked))).toBe('handler');
    expect(marks.of(contextOf(Marked, Base.prototype.unmarked))).toBe('class');
    expect(marks.of(contextOf(Unmarked, Base.prototype.marked))).toBe('handler');
    expect(marks.of(contextOf(Unmarked, Base.prototype.unmarked))).toBeUndefined();
  });

  it('reads each route once, undefined answers included', () => {
    const before = reads;
    expect(marks.of(contextOf(Unmarked, Base.prototype.unmarked))).toBeUndefined();
    expect(marks.of(contextOf(Marked, Base.prototype.marked))).toBe('handler');
    expect(reads).toBe(before);
  });
});
