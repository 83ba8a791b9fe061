import { fieldErrorsOf, summariseFieldErrors } from './field-errors.js';

describe('fieldErrorsOf', () => {
  it('dots nested and array paths from the body root', () => {
    expect(
      fieldErrorsOf([
        { property: 'summary', constraints: { isString: 'summary must be a string' } },
        {
          property: 'dates',
          children: [{ property: 'noticeReceived', constraints: { isIso8601: 'noticeReceived must be a valid ISO 8601 date string' } }],
        },
        {
          property: 'actions',
          children: [{ property: '1', children: [{ property: 'dueDate', constraints: { matches: 'dueDate must be a date' } }] }],
        },
      ]),
    ).toEqual([
      { field: 'summary', message: 'summary must be a string' },
      { field: 'dates.noticeReceived', message: 'noticeReceived must be a valid ISO 8601 date string' },
      { field: 'actions.1.dueDate', message: 'dueDate must be a date' },
    ]);
  });

  it('names an unknown field as refused', () => {
    expect(fieldErrorsOf([{ property: 'dates', children: [{ property: 'bogus', constraints: { whitelistValidation: 'property bogus should not exist' } }] }])).toEqual([
      { field: 'dates.bogus', message: 'dates.bogus is not a known field (unknown fields are refused)' },
    ]);
  });
});

describe('summariseFieldErrors', () => {
  it('lists the first few problems and counts the rest', () => {
    const errors = ['a', 'b', 'c', 'd', 'e'].map((field) => ({ field, message: `${field} is wrong` }));
    expect(summariseFieldErrors(errors)).toBe('The request is invalid: a is wrong; b is wrong; c is wrong (and 2 more).');
  });

  it('prefixes a message that does not name its field', () => {
    expect(summariseFieldErrors([{ field: 'dates.noticeReceived', message: 'must be a date' }])).toBe(
      'The request is invalid: dates.noticeReceived: must be a date.',
    );
  });
});
