import { takesGzip } from './view-encoding.js';

describe('whether a client takes a stored view as it is (gzip)', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['*', true],
    [undefined, false],
    ['', false],
    ['identity', false],
    ['br', false],
    ['gzip;q=0, identity', false],
    ['identity;q=1, gzip;q=0.5', false],
  ])('Accept-Encoding %p: %p', (header, expected) => {
    expect(takesGzip(header)).toBe(expected);
  });
});
