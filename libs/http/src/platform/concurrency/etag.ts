import { type FastifyReply } from 'fastify';

/** A stream revision as a strong entity tag: `"3"`. */
export const etagOf = (revision: bigint): string => `"${revision.toString()}"`;

/** Sets `ETag: "<revision>"` on the reply (use with @Res({ passthrough: true })). */
export function setETag(reply: FastifyReply, revision: bigint): void {
  reply.header('etag', etagOf(revision));
}
