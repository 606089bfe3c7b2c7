import { openEventStore, storeConfigOf, type StoreEnv } from '@app/event-store';
import { importFacts, type ImportSummary } from '@app/recording';
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { progressBar } from './progress.js';

export interface ImportCommandOptions {
  readonly source?: string;
  readonly recordedBy: string;
  readonly batchSize: number;
}

/** Streams an NDJSON file line by line into the store; the bar follows the bytes read. */
export async function runImport(file: string, env: StoreEnv, options: ImportCommandOptions): Promise<ImportSummary> {
  const size = statSync(file).size;
  const store = await openEventStore(storeConfigOf(env));
  const input = createReadStream(file, { encoding: 'utf8' });
  const bar = progressBar(size, 'bytes');
  const started = Date.now();
  try {
    const summary = await importFacts({ store, clock: () => new Date(), newId: randomUUID }, createInterface({ input, crlfDelay: Infinity }), {
      source: options.source ?? basename(file),
      recordedBy: options.recordedBy,
      batchSize: options.batchSize,
      onProgress: (p) => bar.update(input.bytesRead, { recorded: p.recorded, rejected: p.rejected }),
    });
    bar.update(size, { recorded: summary.recorded, rejected: summary.rejected.length });
    bar.stop();
    printSummary(file, summary, (Date.now() - started) / 1000);
    return summary;
  } finally {
    bar.stop();
    await store.close();
  }
}

function printSummary(file: string, s: ImportSummary, seconds: number): void {
  const out = process.stdout;
  for (const r of s.rejected) {
    const field = r.field && !r.field.startsWith('(') ? `${r.field}: ` : '';
    out.write(`line ${r.line}: ${field}${r.message} [${r.code}${r.eventId ? `, see event ${r.eventId}` : ''}]\n`);
  }
  out.write(
    `${file}: ${s.lines} lines, ${s.patients} patients; ${s.recorded} facts recorded, ${s.alreadyRecorded} already recorded, ${s.rejected.length} rejected (${seconds.toFixed(1)} s, ${Math.round(s.recorded / Math.max(seconds, 0.001))} facts/s)\n`,
  );
}
