import type { CourseRecord } from '../course-record.js';
import type { ViewDigests } from '../store/course-view-store.js';

/** A course's record as its views were last written from it, with those views' digests. */
export interface CachedCourse {
  readonly record: CourseRecord;
  readonly digests?: ViewDigests;
}

/**
 * The records of recently projected courses, as committed, so that a course touched again (the
 * common case while facts arrive) is not read back from the store and refolded for each batch. An
 * entry is only used when it stands exactly where the course's stored views stand; the oldest are
 * dropped once the cache holds more than `maxFacts` facts.
 */
export class RecordCache {
  private readonly records = new Map<string, CachedCourse>();
  private facts = 0;

  constructor(private readonly maxFacts: number) {}

  /** The record and its views' digests, if it is the one the views at this revision and position were derived from. */
  get(patientId: string, revision: number, position: number): CachedCourse | undefined {
    const cached = this.records.get(patientId);
    return cached && cached.record.revision === revision && cached.record.position === position ? cached : undefined;
  }

  has(patientId: string): boolean {
    return this.records.has(patientId);
  }

  /** After the batch that made it has committed. */
  set(record: CourseRecord, digests?: ViewDigests): void {
    this.delete(record.patientId);
    this.records.set(record.patientId, { record, ...(digests && { digests }) });
    this.facts += record.facts.length;
    for (const [oldest, kept] of this.records) {
      if (this.facts <= this.maxFacts) break;
      this.records.delete(oldest);
      this.facts -= kept.record.facts.length;
    }
  }

  delete(patientId: string): void {
    const cached = this.records.get(patientId);
    if (!cached) return;
    this.records.delete(patientId);
    this.facts -= cached.record.facts.length;
  }

  clear(): void {
    this.records.clear();
    this.facts = 0;
  }
}
