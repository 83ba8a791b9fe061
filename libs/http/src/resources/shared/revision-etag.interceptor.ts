import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { type CommandResult } from '#application';
import { setETag } from '../../platform/concurrency/etag.js';

/**
 * A command's answer is `{ id, revision, position }` and its revision is the ETag (a client sends
 * it back as If-Match): set here once for every command route, not in each handler.
 */
@Injectable()
export class RevisionETagInterceptor implements NestInterceptor<CommandResult, CommandResult> {
  intercept(context: ExecutionContext, next: CallHandler<CommandResult>): Observable<CommandResult> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result) => {
        setETag(reply, result.revision);
        return { id: result.id, revision: result.revision, position: result.position };
      }),
    );
  }
}
