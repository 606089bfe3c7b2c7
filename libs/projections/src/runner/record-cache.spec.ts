import { emptyRecord, type CourseRecord, type RecordedFact } from '../course-record.js';
import { RecordCache } from './record-cache.js';

const recordOf = (patientId: string, facts: number, revision = facts - 1): CourseRecord => ({
  ...emptyRecord(patientId),
  revision,
  position: revision + 100,
  facts: Array.from({ length: facts }, () => ({}) as RecordedFact),
});

describe('the record cache', () => {
  it('gives a record back only at the revision and position the views stand at', () => {
    const cache = new RecordCache(100);
    cache.set(recordOf('P1', 3));
    expect(cache.get('P1', 2, 102)?.record.facts).toHaveLength(3);
    expect(cache.get('P1', 3, 103)).toBeUndefined();
    expect(cache.get('P1', 2, 99)).toBeUndefined();
    expect(cache.get('P2', 2, 102)).toBeUndefined();
  });

  it('drops the least recently stored records once it holds more facts than allowed', () => {
    const cache = new RecordCache(10);
    cache.set(recordOf('P1', 4));
    cache.set(recordOf('P2', 4));
    cache.set(recordOf('P1', 5)); // P1 again: now the most recent, and counted once
    expect([cache.has('P1'), cache.has('P2')]).toEqual([true, true]);
    cache.set(recordOf('P3', 2));
    expect([cache.has('P1'), cache.has('P2'), cache.has('P3')]).toEqual([true, false, true]);
    cache.clear();
    expect(cache.has('P1')).toBe(false);
  });
});
