import { type ExecutionContext } from '@nestjs/common';

/**
 * What a guard reads from a route's decorators, worked out once per route rather than on every
 * request: decorator metadata is set when the classes are defined and never changes after, while
 * reading it through Reflector walks reflect-metadata's maps each time.
 */
type Handler = ReturnType<ExecutionContext['getHandler']>;
type Controller = ReturnType<ExecutionContext['getClass']>;

export class RouteMetadata<T> {
  private readonly known = new WeakMap<Controller, WeakMap<Handler, T>>();

  constructor(private readonly read: (handler: Handler, controller: Controller) => T) {}

  of(context: ExecutionContext): T {
    const controller = context.getClass();
    const handler = context.getHandler();
    let handlers = this.known.get(controller);
    if (handlers === undefined) {
      handlers = new WeakMap();
      this.known.set(controller, handlers);
    }
    if (handlers.has(handler)) return handlers.get(handler) as T;
    const value = this.read(handler, controller);
    handlers.set(handler, value);
    return value;
  }
}
