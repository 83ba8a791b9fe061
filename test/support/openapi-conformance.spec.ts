import { Controller, Get, Module } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { api } from './api-client.js';
import { startTestServer } from './http-harness.js';
import { type Exchange, OpenApiConformance, type OpenApiDocument } from './openapi-conformance.js';
import { takeResponseViolations } from './response-violations.js';

const DOCUMENT: OpenApiDocument = {
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'parts'],
        properties: {
          id: { type: 'string' },
          dueOn: { type: 'string', format: 'date', nullable: true },
          parts: { type: 'array', items: { type: 'object', properties: { size: { type: 'integer' } } } },
          owner: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
        },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Problem: { type: 'object', required: ['status'], properties: { status: { type: 'integer' } }, additionalProperties: true },
    },
  },
};

const answer = (overrides: Partial<Exchange>): Exchange => ({
  method: 'GET',
  url: '/things/7',
  route: '/things/:id',
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({ id: '7', dueOn: null, parts: [{ size: 1 }], owner: null }),
  ...overrides,
});

describe('checking an answer against the OpenAPI document', () => {
  const conformance = new OpenApiConformance(DOCUMENT);

  it('passes an answer the document describes, nullable dates and nullable references included', () => {
    expect(conformance.check(answer({}))).toEqual([]);
    expect(conformance.check(answer({ body: JSON.stringify({ id: '7', dueOn: '2026-03-02', parts: [], owner: { name: 'A' } }) }))).toEqual([]);
  });

  it('names the operation and the documented statuses when the status is not documented', () => {
    expect(conformance.check(answer({ status: 500, contentType: 'application/problem+json', body: '{"status":500}' }))).toEqual([
      'GET /things/7 answered 500, which getThing (GET /things/{id}) does not document (it documents 200, 404).',
    ]);
  });

  it('names the place in the body of a wrong value and of a field the document does not list', () => {
    const body = JSON.stringify({ id: '7', dueOn: '2026-02-30', parts: [{ size: 'big', colour: 'red' }] });
    expect(conformance.check(answer({ body }))).toEqual([
      'GET /things/7: getThing (GET /things/{id}) 200 application/json: body/dueOn must match format "date"',
      'GET /things/7: getThing (GET /things/{id}) 200 application/json: body/parts/0/colour is sent but not documented',
      'GET /things/7: getThing (GET /things/{id}) 200 application/json: body/parts/0/size must be integer',
    ]);
  });

  it('refuses a content type the status does not document, and takes one within a documented range', () => {
    expect(conformance.check(answer({ contentType: 'text/html' }))).toEqual([
      'GET /things/7: getThing (GET /things/{id}) 200 documents application/json, but the answer is text/html.',
    ]);
    const file = new OpenApiConformance({ paths: { '/file': { get: { operationId: 'file', responses: { '200': { content: { 'application/*': {} } } } } } } });
    expect(file.check(answer({ url: '/file', route: '/file', contentType: 'application/pdf', body: Buffer.from('%PDF') }))).toEqual([]);
    expect(file.check(answer({ url: '/file', route: '/file', contentType: 'image/png', body: Buffer.from('png') }))).toEqual([
      'GET /file: file (GET /file) 200 documents application/*, but the answer is image/png.',
    ]);
  });

  it('lets the router answer a problem for an unknown path, but nothing else, and flags a route the document leaves out', () => {
    const problem = { contentType: 'application/problem+json', body: '{"status":404}', status: 404 };
    expect(conformance.check(answer({ ...problem, url: '/nowhere', route: undefined }))).toEqual([]);
    expect(conformance.check(answer({ url: '/nowhere', route: undefined }))).toEqual(['GET /nowhere matched no route yet answered 200.']);
    expect(conformance.check(answer({ url: '/hidden', route: '/hidden' }))).toEqual([
      'GET /hidden answered 200 from route GET /hidden, which no operation in /docs-json documents.',
    ]);
  });
});

class LooseAnswerDto {
  @ApiProperty() readonly id!: string;
}

/** A route whose answer breaks its own documentation, as a forgotten field would. */
@Controller('drifted')
class DriftedController {
  @Get()
  @ApiOkResponse({ type: LooseAnswerDto, description: 'Says only id.' })
  get() {
    return { id: 'x', undocumented: true };
  }
}

@Module({ controllers: [DriftedController] })
class DriftedModule {}

describe('a test server whose answer drifts from its /docs-json', () => {
  it('fails the request made with api(), and records one made with plain fetch', async () => {
    const server = await startTestServer({}, { imports: [DriftedModule] });
    try {
      const token = { authorization: 'Bearer test-bootstrap-admin-token-0001' };
      await expect(api(server.baseUrl).get('/drifted', token)).rejects.toThrow(
        'The server answered outside its OpenAPI document (/docs-json):\n- GET /drifted: DriftedController_get (GET /drifted) 200 application/json: body/undocumented is sent but not documented',
      );
      await fetch(`${server.baseUrl}/drifted`, { headers: token });
      expect(takeResponseViolations()).toEqual([expect.stringContaining('body/undocumented is sent but not documented')]);
    } finally {
      await server.close();
    }
  });
});
