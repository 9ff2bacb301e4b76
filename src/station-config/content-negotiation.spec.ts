import { prefersCsv } from './content-negotiation.js';

describe('prefersCsv', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['text/html', false],
    ['text/csv', true],
    ['TEXT/CSV', true],
    ['text/csv; charset=utf-8', true],
    ['text/*', true],
    ['text/csv, application/json', false],
    ['application/json, text/csv', false],
    ['text/csv, */*', true],
    ['text/csv, */*;q=0.1', true],
    ['application/json;q=0.9, text/csv', true],
    ['text/csv;q=0.5, application/json', false],
    ['text/csv;q=0', false],
    ['text/*;q=0.2, text/csv;q=0.8, application/json;q=0.5', true],
    ['text/csv;q=0, */*', false],
    ['garbage', false],
  ])('Accept %j → %s', (accept, expected) => {
    expect(prefersCsv(accept)).toBe(expected);
  });
});
