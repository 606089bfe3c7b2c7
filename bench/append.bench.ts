import { openEventStore, type EventStoreConfig } from '@app/event-store';
import { importFacts } from '@app/recording';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReference, machineReference } from './machine-reference.js';
import { cpuPer, readCpu } from './process-cpu.js';
import { requestsOf, steadyArrivalsApart, withLoadGenerator, type RequestPlan } from './load-generator.js';
import { cohortLines, collectGarbage, positiveInteger, startApi, startProjector, withDatabase } from './support.js';

/**
 * bench:append — how fast facts are recorded:
 *  1. batched NDJSON import (the importer as the CLI runs it) into PostgreSQL and into PGlite;
 *  2. single commands over HTTP against the API in its own process on each store: flat out with
 *     32 concurrent clients (autocannon), then 32 clients at a steady 1,000 a second.
 * Prints what it measured next to the targets; a miss is printed, not hidden.
 */
const opts = new Command('bench:append')
  .option('--events <n>', 'events to import per store', positiveInteger, 200_000)
  .option('--batch-size <n>', 'import batch size', positiveInteger, 5000)
  .option('--seconds <n>', 'duration of each HTTP run', positiveInteger, 15)
  .option('--connections <n>', 'concurrent HTTP clients, flat out', positiveInteger, 32)
  .option('--rate <n>', 'commands per second at steady arrivals', positiveInteger, 1000)
  .option('--skip <parts>', 'comma-separated: import-pg,import-pglite,http-pg,http-pg-worker,http-pg-appends,http-embedded,http-embedded-appends', '')
  .parse()
  .opts<{ events: number; batchSize: number; seconds: number; connections: number; rate: number; skip: string }>();
const skip = new Set(opts.skip.split(',').filter(Boolean));
async function benchImport(label: string, config: EventStoreConfig, lines: string[]): Promise<void> {
  const store = await openEventStore(config);
  try {
    const rssBefore = process.memoryUsage().rss;
    // PGlite runs in the importer's process: there is no server to count.
    const cpu = () => {
      const reading = readCpu({ importer: process.pid });
      return reading && config.kind !== 'postgres' ? new Map([...reading].filter(([name]) => name !== 'PostgreSQL')) : reading;
    };
    const reference = await machineReference();
    const cpuBefore = cpu();
    const started = performance.now();
    const summary = await importFacts({ store, clock: () => new Date(), newId: randomUUID }, lines, { source: 'bench', recordedBy: 'bench', batchSize: opts.batchSize });
    const seconds = (performance.now() - started) / 1000;
    const rate = summary.recorded / seconds;
    console.log(
      `import into ${label}: ${summary.recorded} events (${summary.patients} patients, ${summary.rejected.length} rejected) in ${seconds.toFixed(2)} s = ${Math.round(rate)} events/s; rss +${Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20)} MiB${cpuPer('event', cpuBefore, cpu(), summary.recorded)}; ${describeReference(reference, await machineReference())}`,
    );
    return;
  } finally {
    await store.close();
  }
}

/**
 * Where the views are kept current while commands arrive: inside the API (the default), in an
 * apps/projector worker beside it (the production stack), or nowhere (the append path alone, to
 * show what the projection costs).
 */
type Projections = 'in-process' | 'worker' | 'none';

async function projectionLag(url: string): Promise<{ eventsBehind: number; secondsBehind: number } | undefined> {
  const health = (await (await fetch(`${url}/health`)).json()) as { projections: { eventsBehind: number; secondsBehind: number }[] };
  return health.projections[0];
}

/** How far the views were behind the log, from /health: a projection that fell behind did less work. */
async function lagOf(url: string): Promise<string> {
  const p = await projectionLag(url);
  return p ? `${p.eventsBehind} events (${p.secondsBehind.toFixed(1)} s) behind` : 'not reported';
}

async function caughtUp(url: string): Promise<void> {
  for (let i = 0; i < 600 && ((await projectionLag(url))?.eventsBehind ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 100));
}

/** Each request records one lab value for one of 1,000 enrolled patients, in turn. */
async function benchHttp(label: string, store: Record<string, string>, projections: Projections = 'in-process'): Promise<void> {
  const env = { ...store, PROJECTIONS: projections === 'in-process' ? 'in-process' : 'external' };
  const api = await startApi(env);
  const projector = projections === 'worker' ? await startProjector(env) : undefined;
  const reference = await machineReference();
  try {
    const patients = 1000;
    for (let i = 0; i < patients; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, j) => {
          const id = `H${i + j}`;
          const post = (body: unknown) => fetch(`${api.url}/patients/${id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...api.headers }, body: JSON.stringify(body) });
          await post({ type: 'PatientEnrolled', data: { occurredOn: '2020-01-01', studyId: 'BENCH', siteId: 'S1', subjectId: id, sex: 'female' } });
          await post({ type: 'DiagnosisRecorded', data: { occurredOn: '2020-01-01', disease: 'B-ALL' } });
        }),
      );
    }
    // Command i records lab value i for patient i mod 1,000.
    const plan: RequestPlan = { kind: 'lab-values', headers: api.headers, patients };
    const labMeasured = requestsOf(plan);
    const lag = async () => (projections === 'none' ? '' : `; views ${await lagOf(api.url)} at the end`);
    const servers = { API: api.pid, ...(projector && { projector: projector.pid }) };
    const cpu = () => readCpu({ ...servers, 'load generator': process.pid });
    let n = 0;
    let before = cpu();
    const result = await autocannon({
      url: api.url,
      connections: opts.connections,
      duration: opts.seconds,
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...(labMeasured(n++) as Partial<autocannon.Request>) }) }],
    });
    const ok = result['2xx'];
    const flatOutCpu = cpuPer('command', before, cpu(), ok);
    console.log(
      `HTTP commands on ${label}, flat out, ${opts.connections} clients, ${opts.seconds} s: ${Math.round(ok / opts.seconds)} commands/s (2xx ${ok}, non-2xx ${result.non2xx}, errors ${result.errors}); latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms${await lag()}${flatOutCpu}`,
    );
    if (projections !== 'none') await caughtUp(api.url); // a backlog left by the run above is not this one's
    before = readCpu(servers);
    const sentSteadily = opts.rate * (opts.seconds + 1); // the second of warm-up is sent and costs CPU too
    const steady = await steadyArrivalsApart({ origin: api.url, connections: opts.connections, rate: opts.rate, seconds: opts.seconds, plan, startAt: n });
    const steadyCpu = cpuPer('command', before, withLoadGenerator(readCpu(servers), steady), sentSteadily);
    console.log(
      `HTTP commands on ${label}, ${opts.rate}/s (steady arrivals from a load-generator process, ${opts.connections} clients, ${opts.seconds} s after 1 s not counted): ${steady.requestsPerSecond} commands/s (failed ${steady.failed}); latency from when due p50 ${steady.p50} ms, p99 ${steady.p99} ms, max ${steady.max} ms (due ${steady.maxDueAt} s into the run)${await lag()}${steadyCpu}`,
    );
    console.log(`HTTP commands on ${label}: ${describeReference(reference, await machineReference())}`);
  } finally {
    await projector?.stop();
    await api.stop();
  }
}

console.log(`bench:append on ${process.platform}/${process.arch}, node ${process.version}, ${opts.events} events per import, batch ${opts.batchSize}`);
console.log('targets: import PostgreSQL >= 50000 events/s, PGlite >= 15000 events/s; HTTP >= 1000 commands/s with p99 <= 25 ms at 32 clients');
{
  const lines = cohortLines(opts.events); // in this block only: none of it is held past the imports
  if (!skip.has('import-pg')) await withDatabase((url) => benchImport('PostgreSQL', { kind: 'postgres', url }, lines));
  if (!skip.has('import-pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'tte-bench-'));
    try {
      await benchImport('PGlite (files)', { kind: 'embedded', dataDir: dir }, lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
collectGarbage();
const onPostgres = (label: string, projections: Projections) =>
  withDatabase((url) => benchHttp(`PostgreSQL, ${label}`, { EVENT_STORE: 'postgres', DATABASE_URL: url }, projections));
if (!skip.has('http-pg')) await onPostgres('views kept by the API', 'in-process');
if (!skip.has('http-pg-worker')) await onPostgres('views kept by a projector worker', 'worker');
if (!skip.has('http-pg-appends')) await onPostgres('appends only (no projection running)', 'none');
if (!skip.has('http-embedded')) {
  const dir = mkdtempSync(join(tmpdir(), 'tte-bench-'));
  try {
    await benchHttp('PGlite (embedded)', { EVENT_STORE: 'embedded', DATA_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (!skip.has('http-embedded-appends')) {
  const dir = mkdtempSync(join(tmpdir(), 'tte-bench-'));
  try {
    await benchHttp('PGlite (embedded), appends only (no projection running)', { EVENT_STORE: 'embedded', DATA_DIR: dir }, 'none');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
