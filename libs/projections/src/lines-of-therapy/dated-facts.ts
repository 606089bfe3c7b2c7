import { compareClinicalDates, type EventDataOf, type EventType, type PartialDate } from '@app/domain';
import type { CourseRecord } from '../course-record.js';

/** A standing fact read as its type's data, with its clinical date and its place in clinical order. */
export type DatedFact = {
  [T in EventType]: { readonly type: T; readonly data: EventDataOf<T>; readonly eventId: string; readonly on: PartialDate; readonly order: number };
}[EventType];

export type DatedFactOf<T extends EventType> = Extract<DatedFact, { type: T }>;

/**
 * The facts that still stand, in clinical order: by clinical date (compareClinicalDates), ties by
 * stream order. Retracted facts are gone; corrected ones carry their current content, which the
 * decider validated against the type's schema, so it is read as that type's data. A fact without
 * a clinical date cannot be placed in a course and is left out.
 */
export function datedFacts(record: CourseRecord): DatedFact[] {
  const placed = record.facts.flatMap((f, stream) =>
    f.retracted || f.occurredOn === undefined ? [] : [{ fact: f, on: f.occurredOn, stream }],
  );
  placed.sort((a, b) => compareClinicalDates(a.on, b.on) || a.stream - b.stream);
  return placed.map(({ fact, on }, order) => ({ type: fact.type, data: fact.data, eventId: fact.eventId, on, order }) as DatedFact);
}

export const isFact = <T extends EventType>(fact: DatedFact, type: T): fact is DatedFactOf<T> => fact.type === type;
