import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { type Observable, tap } from 'rxjs';
import { type CommandResult } from '#application';
import { setETag } from '../../platform/concurrency/etag.js';

/**
 * A command answers `{ id, revision, position }` (and a person's new token, for rotate-token); the
 * revision is also its ETag, which a client sends back as If-Match. Set here once for every command
 * route, not in each handler.
 */
@Injectable()
export class RevisionETagInterceptor implements NestInterceptor<CommandResult, CommandResult> {
  intercept(context: ExecutionContext, next: CallHandler<CommandResult>): Observable<CommandResult> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(tap((result) => setETag(reply, result.revision)));
  }
}
