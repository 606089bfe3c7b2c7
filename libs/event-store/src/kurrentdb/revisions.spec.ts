import { comparePositions, readFromPosition, streamReadPosition, toPosition, toRevision, toStreamState } from './revisions.js';

describe('KurrentDB revisions and positions', () => {
  it('maps the expected revision to the client’s stream state', () => {
    expect(toStreamState('no-stream')).toBe('no_stream');
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });

  it('turns revisions and positions into numbers, refusing what a number cannot hold exactly', () => {
    expect(toRevision(7n)).toBe(7);
    expect(toPosition(123_456_789n)).toBe(123_456_789);
    expect(toPosition(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toPosition(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(/log position 9007199254740992 is beyond 9007199254740991/);
    expect(() => toPosition(-1n)).toThrow(RangeError);
    expect(() => toRevision(2n ** 64n - 1n)).toThrow(RangeError);
  });

  it('reads a stream event’s position as 0 where the server gives none (max-uint64 or absent)', () => {
    expect(streamReadPosition({ commit: 5000n, prepare: 5000n })).toBe(5000);
    expect(streamReadPosition(undefined, 700n)).toBe(700);
    expect(streamReadPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBe(0);
    expect(streamReadPosition(undefined)).toBe(0);
  });

  it('starts $all reads at the start for 0 and at the position otherwise, ordering commit then prepare', () => {
    expect(readFromPosition(0)).toBe('start');
    expect(readFromPosition(42)).toEqual({ commit: 42n, prepare: 42n });
    expect(comparePositions({ commit: 10n, prepare: 3n }, { commit: 10n, prepare: 5n })).toBe(-1);
    expect(comparePositions({ commit: 11n, prepare: 1n }, { commit: 10n, prepare: 9n })).toBe(1);
    expect(comparePositions({ commit: 10n, prepare: 5n }, { commit: 10n, prepare: 5n })).toBe(0);
  });
});
