import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { expectedRevisionFrom } from './if-match.js';

/** If-Match as WriteOptions.expectedRevision: a bigint, or undefined when absent or `*`; 400 on garbage. */
export const ExpectedRevision = createParamDecorator(
  (_data: unknown, context: ExecutionContext): bigint | undefined =>
    expectedRevisionFrom(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);
