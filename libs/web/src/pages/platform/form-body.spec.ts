import { listOf, parseForm, rowsOf, textOf } from './form-body.js';

describe('reading a submitted page form', () => {
  it('reads fields, repeated fields as lists, and rows of a group', () => {
    const body = parseForm('summary=Grant+cut&clauses=3.2&clauses=4.1&actions%5B1%5D.description=Pay&actions%5B0%5D.description=Talk&actions%5B0%5D.ownerId=o1');
    expect(textOf(body, 'summary')).toBe('Grant cut');
    expect(listOf(body, 'clauses')).toEqual(['3.2', '4.1']);
    expect(rowsOf(body, 'actions').map((r) => ({ ...r }))).toEqual([{ description: 'Talk', ownerId: 'o1' }, { description: 'Pay' }]);
  });

  it('never lets a field name reach an object\'s prototype', () => {
    const body = parseForm('__proto__%5Bpolluted%5D=yes&constructor.prototype.x=1&__proto__=a&ok=1');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(body)).toBeNull();
    expect(Object.keys(body)).toEqual(['__proto__', 'ok']);
    expect(textOf(body, 'ok')).toBe('1');
  });

  it('keeps at most 50 rows of a group, and leaves out rows with nothing in them', () => {
    const many = Array.from({ length: 60 }, (_, i) => `actions%5B${i}%5D.description=a${i}`).join('&');
    expect(rowsOf(parseForm(many), 'actions')).toHaveLength(50);
    expect(rowsOf(parseForm('actions%5B0%5D.description=+&actions%5B1%5D.description=b'), 'actions')).toEqual([{ description: 'b' }]);
  });
});
