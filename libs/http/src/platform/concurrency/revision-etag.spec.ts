import 'reflect-metadata';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializeJson } from '../json-reply-serializer.js';
import { applyRouteBodyLimits, BODY_LIMITS, BodyLimit } from '../security/body-limit.js';
import { applyRevisionETags, RevisionETag } from './revision-etag.js';

class Routes {
  @RevisionETag()
  @BodyLimit(BODY_LIMITS.evidence)
  etagFirst(): void {}

  @BodyLimit(BODY_LIMITS.actionLists)
  @RevisionETag()
  limitFirst(): void {}
}

describe('RevisionETag', () => {
  it('adds to the route config the body limit also writes, in either order', () => {
    expect(Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, Routes.prototype.etagFirst)).toEqual({ revisionETag: true, bodyLimit: BODY_LIMITS.evidence });
    expect(Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, Routes.prototype.limitFirst)).toEqual({ revisionETag: true, bodyLimit: BODY_LIMITS.actionLists });
  });

  describe('on a real Fastify server', () => {
    let fastify: FastifyInstance;

    beforeAll(async () => {
      fastify = Fastify();
      fastify.setReplySerializer((payload) => serializeJson(payload));
      applyRouteBodyLimits(fastify);
      applyRevisionETags(fastify);
      const answer = { id: 'case-1', revision: 3n, position: 17n };
      fastify.post('/command', { config: { revisionETag: true, bodyLimit: BODY_LIMITS.actionLists } }, async () => answer);
      fastify.post('/refused', { config: { revisionETag: true } }, async (_request, reply) => reply.status(409).send({ revision: 3n }));
      fastify.post('/replayed', { config: { revisionETag: true } }, async () => ({ id: 'case-1', revision: 3, position: 17 }));
      fastify.post('/unmarked', async () => answer);
      await fastify.ready();
    });

    afterAll(async () => {
      await fastify.close();
    });

    const post = (url: string) => fastify.inject({ method: 'POST', url });

    it('sets the answer\'s revision as its ETag, and keeps the route\'s own body limit', async () => {
      const response = await post('/command');
      expect(response.statusCode).toBe(200);
      expect(response.headers['etag']).toBe('"3"');
      expect(response.json()).toEqual({ id: 'case-1', revision: 3, position: 17 });
      const routeLimit = (await fastify.inject({ method: 'POST', url: '/command', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'x'.repeat(BODY_LIMITS.standard) }) })).statusCode;
      expect(routeLimit).toBe(200);
    });

    it('leaves errors, replayed answers and routes not marked without one', async () => {
      expect((await post('/refused')).headers['etag']).toBeUndefined();
      expect((await post('/replayed')).headers['etag']).toBeUndefined();
      expect((await post('/unmarked')).headers['etag']).toBeUndefined();
    });
  });
});
