import { correlationIdFor } from './correlation-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlationIdFor', () => {
  it('keeps a sane caller id', () => {
    expect(correlationIdFor('req-2025.04:abc_1')).toBe('req-2025.04:abc_1');
  });

  it('makes a new UUID when there is none', () => {
    expect(correlationIdFor(undefined)).toMatch(UUID);
  });

  it.each(['has space', 'line\nbreak', 'x'.repeat(129), '', '<script>'])('replaces an unsafe id %p with a new UUID', (header) => {
    expect(correlationIdFor(header)).toMatch(UUID);
  });

  it('replaces a header sent twice', () => {
    expect(correlationIdFor(['a', 'b'])).toMatch(UUID);
  });
});
