import { Inject } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';

/**
 * What a resource's controller is: routes that turn requests into messages on the buses and
 * answers back. No rule lives here; the controllers that both write and read extend this.
 */
export abstract class BusController {
  constructor(
    @Inject(CommandBus) protected readonly commands: CommandBus,
    @Inject(QueryBus) protected readonly queries: QueryBus,
  ) {}
}
