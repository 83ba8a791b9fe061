import multipart from '@fastify/multipart';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { MAX_EVIDENCE_BYTES } from '#domain';
import { isPagePath, PAGE_SECURITY_HEADERS } from '#web';
import { parseForm } from './form-body.js';

const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';
const JSON_TYPES = /^application\/(?:[\w.+-]+\+)?json$/;

const mediaTypeOf = (request: FastifyRequest): string | null => {
  const header = request.headers['content-type'];
  return typeof header === 'string' ? (header.split(';')[0] ?? '').trim().toLowerCase() : null;
};

/**
 * The Fastify-level half of the pages, beside configurePlatform's: the form body types (the URL-
 * encoded forms every page posts, and multipart for the one evidence upload), each accepted on page
 * paths only, so the API goes on refusing anything but JSON with 415; and the pages' own security
 * headers. Call after configurePlatform and before init.
 */
export async function configurePages(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // One file of at most 10 MB and a couple of short fields (the CSRF token first).
  await app.register(multipart, { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5 } });

  // Before any body is read: a body type is accepted only where it belongs.
  fastify.addHook('preParsing', async (request: FastifyRequest, _reply: FastifyReply, payload) => {
    const type = mediaTypeOf(request);
    // A GET's or HEAD's body is never read (Fastify parses none): its Content-Type refuses nothing, as before the pages.
    if (type === null || request.method === 'GET' || request.method === 'HEAD') return payload;
    const page = isPagePath(request.url);
    const accepted = page ? type === FORM || type === MULTIPART : JSON_TYPES.test(type);
    if (!accepted) throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type);
    return payload;
  });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!isPagePath(request.url)) return payload;
    // No script, styles from /assets/ only, forms posting back here only: stricter than the API's headers.
    for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) reply.header(name, value);
    // Pages show what one person may see: never kept by a shared cache, nor the browser's.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
