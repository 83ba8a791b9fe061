import { negotiateReportFormat } from './reports.controller.js';

describe('choosing the annual report\'s format from Accept', () => {
  it.each([
    [undefined, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['text/csv', 'csv'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['text/csv;q=0.5, text/html;q=0.9', 'html'],
    ['text/*', 'csv'],
    ['application/pdf', null],
    ['image/png, text/plain', null],
  ])('given Accept %j, answers %j', (accept, format) => {
    expect(negotiateReportFormat(accept)).toBe(format);
  });
});
