import fc from 'fast-check';
import { inPageOrder, LOG_ORDER, REVISION_ORDER, type EventTuple } from './event-page.js';

const tuple = (position: number, stream: string, revision: number): EventTuple => [position, stream, revision, `id-${position}`, 'T', {}, {}, '2026-01-01T00:00:00Z'];

/** A log: streams' events interleaved, positions rising, each stream's revisions rising with them. */
const log = fc.array(fc.constantFrom('a', 'b', 'c', 'patient-10', 'patient-9'), { maxLength: 60 }).map((streams) => {
  const next = new Map<string, number>();
  return streams.map((stream, i) => {
    const revision = next.get(stream) ?? 0;
    next.set(stream, revision + 1);
    return tuple(i + 1, stream, revision);
  });
});

const positions = (page: readonly EventTuple[]) => page.map((t) => t[0]);

describe('a page of events read from the server', () => {
  it('is kept as sent when it is in log order, and put in log order when it is not', () => {
    fc.assert(
      fc.property(log, fc.boolean(), (events, shuffle) => {
        const sent = shuffle ? [...events].reverse() : [...events];
        expect(positions(inPageOrder(sent, LOG_ORDER))).toEqual(positions(events));
      }),
    );
  });

  it('read by stream, gives each stream its events in revision order whatever order the server sent', () => {
    fc.assert(
      fc.property(log, fc.array(fc.nat()), (events, keys) => {
        // Any permutation of the page, from random sort keys.
        const sent = events.map((e, i) => ({ e, k: keys[i] ?? i })).sort((x, y) => x.k - y.k).map((x) => x.e);
        const page = inPageOrder(sent, REVISION_ORDER);
        expect(page).toHaveLength(events.length);
        for (const stream of new Set(events.map((e) => e[1]))) {
          const revisions = page.filter((e) => e[1] === stream).map((e) => e[2]);
          expect(revisions).toEqual(revisions.map((_, i) => i));
        }
      }),
    );
  });

  it('is left as it came when it is in order', () => {
    const sent = [tuple(1, 'a', 0), tuple(7, 'a', 1), tuple(2, 'b', 0), tuple(3, 'b', 1)];
    expect(inPageOrder([...sent], REVISION_ORDER)).toEqual(sent);
  });
});
