import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type Principal } from '#application';
import '../request-context.js';

/**
 * The authenticated caller. Always a Principal on protected routes (the guard ran first); on a
 * @Public() route it is null when no token was sent.
 */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | null => context.switchToHttp().getRequest<FastifyRequest>().principal ?? null,
);
