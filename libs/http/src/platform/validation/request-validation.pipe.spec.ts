import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';
import { ValidationError } from '#core';
import { RequestValidationPipe } from './request-validation.pipe.js';

/** The fields of the object class-transformer was handed: the probe of what it walked. */
let transformedFields: string[] | null = null;

class NoteBody {
  @IsString()
  @Transform(({ value, obj }: { value: unknown; obj: object }) => {
    transformedFields = Object.keys(obj);
    return value;
  })
  readonly text!: string;
}

const pipe = new RequestValidationPipe();
const asBody = { type: 'body', metatype: NoteBody } as const;
const refusal = async (value: unknown, metadata: Parameters<RequestValidationPipe['transform']>[1] = asBody): Promise<ValidationError> => {
  try {
    await pipe.transform(value, metadata);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('RequestValidationPipe', () => {
  beforeEach(() => {
    transformedFields = null;
  });

  it('transforms and validates a body with only the fields its DTO declares', async () => {
    const note = await pipe.transform({ text: 'x' }, asBody);
    expect(note).toBeInstanceOf(NoteBody);
    expect(transformedFields).toEqual(['text']);
  });

  it('refuses unknown fields without handing them to class-transformer, naming the first twenty and counting the rest', async () => {
    const body = { ...Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`k${i}`, 1])), text: 'x' };
    const error = await refusal(body);
    expect(transformedFields).toEqual(['text']);
    expect(error.errors).toHaveLength(20);
    expect(error.errors[0]).toEqual({ field: 'k0', message: 'k0 is not a known field (unknown fields are refused)' });
    expect(error.message).toBe(
      'The request is invalid: k0 is not a known field (unknown fields are refused); k1 is not a known field (unknown fields are refused); k2 is not a known field (unknown fields are refused) (and 79997 more).',
    );
  });

  it('refuses unknown query parameters the same way', async () => {
    const error = await refusal({ text: 'x', surplus: '1' }, { type: 'query', metatype: NoteBody });
    expect(error.errors).toEqual([{ field: 'surplus', message: 'surplus is not a known field (unknown fields are refused)' }]);
    expect(transformedFields).toEqual(['text']);
  });

  it('lists the unknown fields and what is wrong with the declared ones in one answer', async () => {
    const error = await refusal({ text: 7, surplus: 1 });
    expect(error.errors.map((e) => e.field)).toEqual(['surplus', 'text']);
  });

  it('leaves loose records alone: only the whole-body object check applies', async () => {
    expect(await pipe.transform({ anything: 1 }, { type: 'body', metatype: Object })).toEqual({ anything: 1 });
    expect((await refusal([], { type: 'body', metatype: Object })).code).toBe('VALIDATION.BODY_NOT_AN_OBJECT');
  });
});
