import { parseFactLine } from '@app/domain';
import { nextDerivedId } from './fact-identity.js';
import { appendBatch, decideBatch, rejection, type BatchOptions, type Course, type DecidedBatch, type PendingLine, type RejectedLine } from './import-batch.js';
import type { RecordingContext } from './record-fact.js';

export type { RejectedLine } from './import-batch.js';

export interface ImportSummary {
  readonly lines: number;
  readonly recorded: number;
  /** Lines whose event was already in the store (a re-run): recorded nothing. */
  readonly alreadyRecorded: number;
  readonly rejected: readonly RejectedLine[];
  readonly patients: number;
}

export interface ImportOptions extends BatchOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: { lines: number; recorded: number; rejected: number }) => void;
}

const MAX_CONFLICT_RETRIES = 3;

/** What trim() would remove at this end of the line: ASCII space and controls, or Unicode white space. */
const spaceAt = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at);
  return code <= 32 || (code > 127 && /\s/.test(text.charAt(at)));
};

/**
 * Imports NDJSON facts: each line validated and decided on its own, bad lines reported with line
 * number, field and reason and recorded nowhere, good lines appended in atomic batches. Lines
 * starting with `#` and blank lines are comments. While one batch is being appended the next is
 * decided; if someone else wrote to one of the batch's patients meanwhile, both batches are
 * decided again from the store.
 */
export async function importFacts(ctx: RecordingContext, lines: AsyncIterable<string> | Iterable<string>, options: ImportOptions): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 2000;
  const courses = new Map<string, Course>();
  const occurrences = new Map<string, number>();
  const rejected: RejectedLine[] = [];
  const patients = new Set<string>();
  let number = 0;
  let recorded = 0;
  let alreadyRecorded = 0;
  let pending: PendingLine[] = [];
  let inFlight: { batch: DecidedBatch; outcome: Promise<'recorded' | 'conflict'> } | undefined;

  const landed = (batch: DecidedBatch) => {
    recorded += batch.recorded;
    alreadyRecorded += batch.alreadyRecorded;
    rejected.push(...batch.rejected);
    options.onProgress?.({ lines: number, recorded, rejected: rejected.length });
  };
  /** Decides again from the store and appends, until it lands. */
  const redo = async (lines: readonly PendingLine[]) => {
    for (let attempt = 1; ; attempt++) {
      const batch = await decideBatch(ctx, lines, courses, options, { checkStore: true });
      if ((await appendBatch(ctx, batch)) === 'recorded') return landed(batch);
      for (const p of batch.patients) courses.delete(p);
      if (attempt >= MAX_CONFLICT_RETRIES) throw new Error(`import gave up after ${attempt} conflicting writes to the same patients`);
    }
  };
  /** Waits for the batch in flight; true when it landed, false when `next` must be decided again. */
  const settle = async (): Promise<boolean> => {
    if (!inFlight) return true;
    const { batch, outcome } = inFlight;
    inFlight = undefined;
    if ((await outcome) === 'recorded') {
      landed(batch);
      return true;
    }
    courses.clear();
    await redo(batch.lines);
    return false;
  };
  const flush = async () => {
    const lines = pending;
    pending = [];
    let batch = await decideBatch(ctx, lines, courses, options);
    if (!(await settle())) batch = await decideBatch(ctx, lines, courses, options, { checkStore: true });
    inFlight = { batch, outcome: appendBatch(ctx, batch) };
  };

  for await (const raw of lines) {
    number++;
    // trim() copies every line, even one with nothing to trim.
    const text = raw !== '' && (spaceAt(raw, 0) || spaceAt(raw, raw.length - 1)) ? raw.trim() : raw;
    if (text === '' || text.startsWith('#')) continue;
    try {
      const line = parseFactLine(text, number);
      patients.add(line.patientId);
      pending.push({ number, line, eventId: line.eventId ?? nextDerivedId(occurrences, line.patientId, text) });
    } catch (e) {
      rejected.push(rejection(number, e));
    }
    if (pending.length >= batchSize) await flush();
  }
  if (pending.length > 0) await flush();
  await settle();
  return { lines: number, recorded, alreadyRecorded, rejected: rejected.sort((a, b) => a.line - b.line), patients: patients.size };
}
