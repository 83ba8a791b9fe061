import { ValidationError } from '#core';
import { assertBodyDepth } from './body-depth.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('assertBodyDepth', () => {
  it('lets bodies as deep as the limit through', () => {
    expect(() => assertBodyDepth(nested(32), 32)).not.toThrow();
    expect(() => assertBodyDepth({ actions: [{ description: 'x' }] })).not.toThrow();
    expect(() => assertBodyDepth(undefined)).not.toThrow();
  });

  it('refuses a deeper one as a 400, however deep, without overflowing the stack', () => {
    expect(() => assertBodyDepth(nested(33), 32)).toThrow(ValidationError);
    expect(() => assertBodyDepth(nested(200_000))).toThrow(expect.objectContaining({ code: 'REQUEST.TOO_DEEPLY_NESTED' }));
  });
});
