import 'reflect-metadata';
import { type ArgumentMetadata, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { DECORATORS } from '@nestjs/swagger';
import { defaultMetadataStorage as transformerMetadata } from 'class-transformer/cjs/storage.js';
import fc from 'fast-check';
import { ProbeBody } from '../../../../../test/support/platform-probe.module.js';
import { ResourcesModule } from '../../resources/resources.module.js';
import { planOf } from './compiled-dto.js';
import { RequestValidationPipe } from './request-validation.pipe.js';

/*
 * The compiled checks against the libraries' own path (class-transformer's plainToInstance, then
 * class-validator's validate, as Nest's ValidationPipe runs them), for every DTO class the API
 * takes a body or a query string into: the same instance, or the same refusal (class, code,
 * detail, errors in order), for bodies drawn around each DTO's fields: valid, nearly valid, of the
 * wrong type, missing, extra, nested, unicode, null.
 */

type Dto = Type<object>;
type Where = 'body' | 'query';

/** The pipe as it was: every DTO through the libraries. */
class LibraryPathPipe extends RequestValidationPipe {
  protected override validated(input: Record<string, unknown>, _dto: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return this.viaLibraries(input, metadata);
  }
}

/** The pipe as it is, counting the requests the compiled checks handed to the libraries. */
class CountingPipe extends RequestValidationPipe {
  fallbacks = 0;
  protected override viaLibraries(input: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    this.fallbacks += 1;
    return super.viaLibraries(input, metadata);
  }
}

const LOOSE: readonly unknown[] = [Object, Array, String, Number, Boolean, Buffer, Date];

/** Every (DTO, body or query) pair the API's handlers declare with a whole @Body() or @Query(). */
function dtosOfTheApi(): { dto: Dto; where: Where }[] {
  const controllers = (Reflect.getMetadata('controllers', ResourcesModule) as Type[]) ?? [];
  const found = new Map<string, { dto: Dto; where: Where }>();
  for (const controller of controllers) {
    for (const method of Object.getOwnPropertyNames(controller.prototype)) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
      const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
      for (const [key, arg] of Object.entries(args)) {
        const paramtype = Number(key.split(':')[0]);
        const where = paramtype === RouteParamtypes.BODY ? 'body' : paramtype === RouteParamtypes.QUERY ? 'query' : null;
        const dto = types[arg.index];
        if (where === null || arg.data !== undefined || typeof dto !== 'function' || LOOSE.includes(dto)) continue;
        found.set(`${where}:${dto.name}`, { dto: dto as Dto, where });
      }
    }
  }
  return [...found.values()];
}

const declaredOf = (dto: Dto): string[] => [...(planOf(dto)?.declared ?? [])];
const nestedOf = (dto: Dto, property: string): Dto | undefined => transformerMetadata.findTypeMetadata(dto, property)?.typeFunction?.() as Dto | undefined;
interface Docs {
  type?: unknown;
  enum?: unknown[];
  example?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  isArray?: boolean;
  minItems?: number;
  maxItems?: number;
  required?: boolean;
  nullable?: boolean;
  items?: Docs;
}
const docsOf = (dto: Dto, property: string) => (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dto.prototype as object, property) ?? {}) as Docs;

const API = dtosOfTheApi();

// ---- drawing values --------------------------------------------------------------------------------

const TRICKY_KEYS = ['constructor', 'prototype', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'extra', 'Summary', ' summary', '0', 'a.b'];
const TEXTS = fc.oneof(
  fc.constantFrom('', ' ', '  x  ', '\t\n', 'x', '3.2', ' 3.2 ', '99.9', 'A1', 'p-1', 'council', 'mediation', 'panel', 'accept', 'true', 'false', '1', '3', '0', '-1', '42', '1e3', '2026-03-02', '2026-02-30', '2026-3-2', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00+01:00', 'null', '$property $value $target $constraint1', 'a b', 'é', '💥', '\u0000', '\u200b'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom(201, 5_001, 20_001).map((n) => 'x'.repeat(n)),
  fc.constantFrom(101).map((n) => 'i'.repeat(n)),
);
const NUMBERS = fc.oneof(fc.integer({ min: -3, max: 70 }), fc.constantFrom(0, 1, 0.5, -0, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1000000), fc.double({ noNaN: true }));
// undefined: the web forms hand the pipe objects built in code, not parsed from JSON.
const SCALARS = fc.oneof(TEXTS, NUMBERS, fc.boolean(), fc.constant(null), fc.constant(undefined));

/** Values meant for one property: its documented examples and vocabulary, mangled or not, or anything at all. */
function valueFor(dto: Dto, property: string, depth: number): fc.Arbitrary<unknown> {
  const docs = docsOf(dto, property);
  const known = [...(docs.enum ?? []), ...(docs.items?.enum ?? []), ...(docs.example === undefined ? [] : [docs.example])];
  const nested = nestedOf(dto, property);
  const choices: fc.Arbitrary<unknown>[] = [SCALARS, fc.array(SCALARS, { maxLength: 4 })];
  if (known.length > 0) {
    const sample = fc.constantFrom(...known);
    choices.push(sample, sample, sample.map((v) => (typeof v === 'string' ? ` ${v} ` : v)), fc.array(sample, { maxLength: 3 }));
    choices.push(sample.map((v) => (Array.isArray(v) ? v.map((item: unknown) => (typeof item === 'string' ? ` ${item}\t` : item)) : [v])));
  }
  if (nested && depth < 3) {
    const item = fc.oneof(bodyFor(nested, depth + 1), validBodyFor(nested, depth + 1));
    choices.push(item, item, fc.array(item, { maxLength: 3 }), fc.array(item, { maxLength: 3 }), fc.array(fc.oneof(item, SCALARS, fc.array(item, { maxLength: 2 })), { maxLength: 3 }));
  }
  choices.push(fc.dictionary(fc.constantFrom(...TRICKY_KEYS), SCALARS, { maxKeys: 3 }));
  return fc.oneof(...choices);
}

const ID_CHARS = fc.constantFrom(...'abcxyz019-_.:~!A'.split(''));

/** A value its OpenAPI description says is fine (the checks may still find fault, e.g. a date in the future). */
function validFor(docs: Docs, nested: Dto | undefined, depth: number): fc.Arbitrary<unknown> {
  if (docs.example !== undefined && docs.type !== 'array' && !docs.isArray) return fc.oneof(fc.constant(docs.example), validScalar(docs));
  if (nested !== undefined) {
    const item = validBodyFor(nested, depth + 1);
    return docs.isArray ? fc.array(item, { minLength: docs.minItems ?? 0, maxLength: Math.min(docs.maxItems ?? 3, 3) }) : item;
  }
  if (docs.type === 'array' || docs.isArray) {
    return fc.array(validScalar(docs.items ?? {}), { minLength: docs.minItems ?? 0, maxLength: Math.min(docs.maxItems ?? 3, 3) });
  }
  return validScalar(docs);
}

function validScalar(docs: Docs): fc.Arbitrary<unknown> {
  if (docs.enum) return fc.constantFrom(...docs.enum);
  if (docs.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (docs.format === 'date-time') return fc.constantFrom('2026-03-02T10:00:00Z', '2025-12-31T23:59:59.123+01:00');
  if (docs.type === 'integer' || docs.type === Number) return fc.integer({ min: docs.minimum ?? 0, max: docs.maximum ?? (docs.minimum ?? 0) + 100 });
  if (docs.type === Boolean || docs.type === 'boolean') return fc.boolean();
  if (docs.maxLength === 100) return fc.string({ unit: ID_CHARS, minLength: 1, maxLength: 12 }).map((s) => (s.length % 3 === 0 ? ` ${s} ` : s));
  return fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 })).filter((s) => /\S/.test(s));
}

/** A body each of whose fields its OpenAPI description allows, the optional ones sometimes left out or null. */
function validBodyFor(dto: Dto, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const declared = declaredOf(dto);
  const fields = Object.fromEntries(
    declared.map((property) => {
      const docs = docsOf(dto, property);
      const valid = validFor(docs, nestedOf(dto, property), depth);
      return [property, docs.required === false ? fc.oneof({ weight: 3, arbitrary: valid }, fc.constant(undefined), fc.constant(docs.nullable ? null : undefined)) : valid];
    }),
  );
  return fc.record(fields).map((body) => JSON.parse(JSON.stringify(body)) as Record<string, unknown>);
}

/** A valid body with one field (or none) replaced by anything at all. */
function nearlyValidBodyFor(dto: Dto): fc.Arbitrary<Record<string, unknown>> {
  const declared = declaredOf(dto);
  if (declared.length === 0) return validBodyFor(dto);
  return fc
    .constantFrom(...declared)
    .chain((property) => fc.tuple(validBodyFor(dto), fc.constant(property), valueFor(dto, property, 0), fc.boolean()))
    .map(([body, property, value, drop]) => {
      if (drop) delete body[property];
      else body[property] = value;
      return body;
    });
}

/** A body for `dto`: some of its fields (usually all), sometimes with fields it does not declare. */
function bodyFor(dto: Dto, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const declared = declaredOf(dto);
  const fields = Object.fromEntries(declared.map((property) => [property, valueFor(dto, property, depth)]));
  const extra = fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...TRICKY_KEYS), fc.string({ maxLength: 6 })), SCALARS, { maxKeys: 4 }) });
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.record(fields), fc.boolean(), extra, fc.shuffledSubarray(declared), fc.nat(9))
    .map(([some, all, useAll, more, order, pollute]) => {
      const chosen = useAll ? all : some;
      // JSON.parse keeps `__proto__` as a field of its own, as Fastify's parser hands it over.
      const body = JSON.parse(JSON.stringify({ ...more })) as Record<string, unknown>;
      for (const key of [...order, ...Object.keys(chosen)]) if (key in chosen) body[key] = chosen[key as keyof typeof chosen];
      if (pollute === 0) Object.defineProperty(body, '__proto__', { value: { polluted: 1 }, enumerable: true, writable: true, configurable: true });
      return body;
    });
}

/** A query string as Fastify parses it: a prototype-less object of strings and lists of strings. */
function queryFor(dto: Dto): fc.Arbitrary<Record<string, unknown>> {
  const declared = declaredOf(dto);
  const text = fc.oneof(TEXTS, ...declared.flatMap((p) => (docsOf(dto, p).enum ?? []).map((v) => fc.constant(String(v)))));
  const value = fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }) });
  const keys = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...declared) }, { weight: 1, arbitrary: fc.constantFrom(...TRICKY_KEYS) });
  return fc.dictionary(keys, value, { maxKeys: declared.length + 1 }).map((entries) => Object.assign(Object.create(null) as Record<string, unknown>, entries));
}

const copyOf = (input: unknown): unknown => {
  if (Array.isArray(input)) return input.map(copyOf);
  if (typeof input !== 'object' || input === null) return input;
  const copy = (Object.getPrototypeOf(input) === null ? Object.create(null) : {}) as Record<string, unknown>;
  for (const key of Object.keys(input)) Object.defineProperty(copy, key, { value: copyOf((input as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  return copy;
};

/** What the handler gets, or what the client is told: the refusal's class, code, detail and errors, everything the problem is made of. */
async function outcome(pipe: RequestValidationPipe, input: unknown, metadata: ArgumentMetadata): Promise<unknown> {
  try {
    return { accepted: await pipe.transform(input, metadata) };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { refused: error.constructor.name, message: error.message, fields: { ...error } };
  }
}

const library = new LibraryPathPipe();
const compiled = new CountingPipe();

describe('compiled DTO checks', () => {
  it('cover every DTO the API validates, and the DTOs nested in them', () => {
    expect(API.length).toBeGreaterThan(40);
    const seen = new Set<Dto>();
    const visit = (dto: Dto): void => {
      if (seen.has(dto)) return;
      seen.add(dto);
      expect({ dto: dto.name, compiled: planOf(dto) !== null }).toEqual({ dto: dto.name, compiled: true });
      for (const property of declaredOf(dto)) {
        const nested = nestedOf(dto, property);
        if (nested) visit(nested);
      }
    };
    for (const { dto } of [...API, { dto: ProbeBody }]) visit(dto);
  });

  it('hands what is not JSON (a Date, a Map, a Buffer) to the libraries, and answers as they do', async () => {
    const metadata: ArgumentMetadata = { type: 'body', metatype: ProbeBody, data: undefined };
    for (const input of [{ summary: 'x', dates: new Date(0) }, { summary: 'x', actions: [new Map()] }, { summary: 'x', dates: Buffer.from('x') }, { summary: ['x', new Date(0)] }]) {
      compiled.fallbacks = 0;
      expect(await outcome(compiled, input, metadata)).toStrictEqual(await outcome(library, input, metadata));
      expect(compiled.fallbacks).toBe(1);
    }
  });

  const cases: [string, Dto, Where][] = [...API.map(({ dto, where }): [string, Dto, Where] => [`${where} ${dto.name}`, dto, where]), ['body ProbeBody (class-validator decorators)', ProbeBody, 'body']];
  describe.each(cases)(
    '%s',
    (_name, dto, where) => {
      const metadata: ArgumentMetadata = { type: where, metatype: dto, data: undefined };

      it('gives the same instance or the same refusal as class-transformer and class-validator', async () => {
        compiled.fallbacks = 0;
        const inputs = where === 'query' ? queryFor(dto) : fc.oneof({ weight: 10, arbitrary: bodyFor(dto) }, { weight: 5, arbitrary: validBodyFor(dto) }, { weight: 5, arbitrary: nearlyValidBodyFor(dto) }, { weight: 1, arbitrary: fc.oneof(SCALARS, fc.array(SCALARS), fc.constant(undefined)) });
        await fc.assert(
          fc.asyncProperty(inputs, async (input) => {
            const expected = await outcome(library, copyOf(input), metadata);
            const actual = await outcome(compiled, copyOf(input), metadata);
            expect(actual).toStrictEqual(expected);
          }),
          { numRuns: 300 },
        );
        // The libraries only ever saw the bodies that are not objects (refused before any DTO).
        expect(compiled.fallbacks).toBe(0);
      });
    },
  );
});
