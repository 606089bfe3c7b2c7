import { createHash } from 'node:crypto';

/**
 * A stable event id for an import line that gives none: a UUID-shaped digest of the patient, the
 * line's content and how many identical lines came before it in the file. Re-running the file
 * yields the same ids, so nothing is recorded twice, even if other lines were added in between.
 */
export function derivedEventId(patientId: string, canonicalLine: string, occurrence: number): string {
  const hex = createHash('sha256').update(`${patientId}\n${occurrence}\n${canonicalLine}`).digest('hex');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id of the next occurrence of a line without an eventId; `occurrences` counts identical lines
 * by the digest of their first occurrence, so memory stays small for large files.
 */
export function nextDerivedId(occurrences: Map<string, number>, patientId: string, canonicalLine: string): string {
  const first = derivedEventId(patientId, canonicalLine, 0);
  const seen = occurrences.get(first) ?? 0;
  occurrences.set(first, seen + 1);
  return seen === 0 ? first : derivedEventId(patientId, canonicalLine, seen);
}
