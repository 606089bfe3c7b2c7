import { openStorage, type EventStore, type EventStoreConfig } from '@app/event-store';
import { importFacts } from '@app/recording';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cpuPer, readCpu } from './process-cpu.js';
import { describeReference, machineReference } from './machine-reference.js';
import { steadyArrivalsApart, withLoadGenerator, type LoadResult, type RequestPlan } from './load-generator.js';
import { checkpoint, cohortLines, collectGarbage, cohortOrder, nodeArgsFrom, type CohortOrder, positiveInteger, SERVICE_NODE_ARGS, startApi, startFixedAnswerServer, withDatabase } from './support.js';

/**
 * bench:rebuild and bench:query. Rebuild: the course views (record, timeline, lines of therapy,
 * swimmer row, audit) rebuilt from the whole log into empty tables, in the runner's batches.
 * Query: a patient's timeline over HTTP from the projected views, at a fixed 500 requests/s and
 * then flat out with 32 clients.
 */
const opts = new Command('bench:projections')
  .requiredOption('--mode <mode>', 'rebuild | query')
  .option('--events <n>', 'events in the store', positiveInteger, 200_000)
  .option('--batch <n>', 'events per rebuild page', positiveInteger, 2000)
  .option('--workers <list>', 'threads for the rebuild\'s course pass, one run per value (e.g. 1,2)', '1,2')
  .option('--seconds <n>', 'duration of each HTTP run', positiveInteger, 15)
  .option('--stores <list>', 'postgres,embedded', 'postgres,embedded')
  .option('--order <order>', 'how the cohort was recorded: by-course (patient after patient) or over-time (interleaved, as a registry records)', cohortOrder, 'by-course' as CohortOrder)
  .parse()
  .opts<{ mode: 'rebuild' | 'query'; events: number; batch: number; workers: string; seconds: number; stores: string; order: CohortOrder }>();

async function withStore<T>(kind: string, use: (config: EventStoreConfig, env: Record<string, string>) => Promise<T>): Promise<T> {
  if (kind === 'postgres') return withDatabase((url) => use({ kind: 'postgres', url }, { EVENT_STORE: 'postgres', DATABASE_URL: url }));
  const dir = mkdtempSync(join(tmpdir(), 'tte-bench-'));
  try {
    return await use({ kind: 'embedded', dataDir: join(dir, 'pglite') }, { EVENT_STORE: 'embedded', DATA_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Imports the cohort, then rebuilds the views from position 0 in a process of its own (what
 * `cli rebuild` runs: the whole log into a fresh generation of the tables, then the switch), so
 * the peak memory reported is the rebuild's; once per number of course-pass threads (PGlite: one
 * thread only). Returns the patient ids.
 */
async function loadAndRebuild(label: string, config: EventStoreConfig, env: Record<string, string>, lines: string[]): Promise<string[]> {
  const imported = await withOpenStore(config, (store) => importFacts({ store, clock: () => new Date(), newId: randomUUID }, lines, { recordedBy: 'bench', source: 'bench', batchSize: 5000 }));
  const threads = config.kind === 'embedded' ? [1] : opts.workers.split(',').map(Number);
  for (const workers of threads) {
    const args = [...SERVICE_NODE_ARGS, ...nodeArgsFrom('BENCH_REBUILD_NODE_ARGS'), join(import.meta.dirname, 'rebuild-process.js'), String(opts.batch), String(workers)];
    const reference = await machineReference();
    const serverBefore = config.kind === 'postgres' ? readCpu({}) : undefined;
    const child = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`the rebuild process exited with ${child.status}`);
    const { applied, seconds, peakRssMiB, cpuSeconds } = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { applied: number; seconds: number; peakRssMiB: number; cpuSeconds: number };
    const serverAfter = serverBefore && readCpu({});
    const rebuilder = `rebuild process ${Math.round((cpuSeconds * 1e6) / applied)} µs`;
    const server = serverBefore && serverAfter ? `, PostgreSQL ${Math.round((((serverAfter.get('PostgreSQL') ?? 0) - (serverBefore.get('PostgreSQL') ?? 0)) * 1e6) / applied)} µs` : '';
    console.log(
      `rebuild on ${label}, course pass in ${workers} thread(s): ${applied} events (${imported.patients} patients) in ${seconds.toFixed(2)} s = ${Math.round(applied / seconds)} events/s; peak rss of the rebuild process ${peakRssMiB} MiB; CPU per event: ${rebuilder}${server}; ${describeReference(reference, await machineReference())}`,
    );
  }
  return withOpenStore(config, async (store) => (await store.listStreams({ limit: 1_000_000 })).map((s) => s.streamId.replace(/^patient-/, '')));
}

/** PGlite's data directory is one process's at a time: the store is closed before the rebuild process opens it. */
async function withOpenStore<T>(config: EventStoreConfig, use: (store: EventStore) => Promise<T>): Promise<T> {
  const storage = await openStorage(config);
  try {
    return await use(storage.store);
  } finally {
    await storage.close();
  }
}

async function queryTimelines(label: string, env: Record<string, string>, patients: string[]): Promise<void> {
  if (env['DATABASE_URL']) console.log(`timeline over HTTP on ${label}: ${await checkpoint(env['DATABASE_URL'])}`);
  const api = await startApi({ ...env, PROJECTIONS: 'in-process' });
  const reference = await machineReference();
  let answerFile: string;
  try {
    const { steady, cpu, next } = await at500AfterWarmUp(api.url, { kind: 'timelines', headers: api.headers, patients }, { API: api.pid });
    console.log(
      `timeline over HTTP on ${label}, 500 requests/s (steady arrivals, 32 clients, after 10 s of warm-up not counted): ${steady.requestsPerSecond} requests/s (failed ${steady.failed}); latency from when due p50 ${steady.p50} ms, p99 ${steady.p99} ms, max ${steady.max} ms (due ${steady.maxDueAt} s into the run)${cpu}`,
    );
    let n = next;
    const nextPatient = () => patients[n++ % patients.length] ?? '';
    const request: autocannon.Request[] = [{ method: 'GET', headers: api.headers, setupRequest: (req) => ({ ...req, path: `/patients/${nextPatient()}/timeline` }) }];
    const r = await autocannon({ url: api.url, duration: opts.seconds, requests: request, connections: 32 });
    console.log(
      `timeline over HTTP on ${label}, flat out, 32 clients (autocannon): ${Math.round(r['2xx'] / opts.seconds)} requests/s (non-2xx ${r.non2xx}, errors ${r.errors}); latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`,
    );
    answerFile = await medianTimeline(api, patients);
  } finally {
    await api.stop();
  }
  try {
    await floorAt500(answerFile);
  } finally {
    rmSync(dirname(answerFile), { recursive: true, force: true });
  }
  console.log(`timeline over HTTP on ${label}: ${describeReference(reference, await machineReference())}`);
}

/**
 * Ten seconds not counted, then `--seconds` at 500 requests/s, from the load-generator process:
 * the server has just started (code not yet optimised, pools and caches empty) and the tables were
 * just written; a backlog made then would spill into the figures. Returns the measured run, the CPU
 * per request of `processes` and the load generator in it, and the number of the next request (a
 * plan's patients go on in turn from one run to the next).
 */
async function at500AfterWarmUp(origin: string, plan: RequestPlan, processes: Readonly<Record<string, number | undefined>>): Promise<{ steady: LoadResult; cpu: string; next: number }> {
  let next = 0;
  const at = async (rate: number, seconds: number) => {
    const result = await steadyArrivalsApart({ origin, connections: 32, rate, seconds, plan, startAt: next });
    next += rate * (seconds + 1);
    return result;
  };
  await at(250, 5);
  await at(500, 5);
  const before = readCpu(processes);
  const steady = await at(500, opts.seconds);
  return { steady, cpu: cpuPer('request', before, withLoadGenerator(readCpu(processes), steady), 500 * (opts.seconds + 1)), next };
}

/** The timeline of median size among 51 patients spread over the cohort, written to a file. */
async function medianTimeline(api: { url: string; headers: Record<string, string> }, patients: string[]): Promise<string> {
  const sample = Array.from({ length: 51 }, (_, i) => patients[Math.floor((i * patients.length) / 51)] ?? '');
  const texts = await Promise.all(sample.map(async (id) => (await fetch(`${api.url}/patients/${id}/timeline`, { headers: api.headers })).text()));
  const file = join(mkdtempSync(join(tmpdir(), 'tte-bench-')), 'timeline.json');
  writeFileSync(file, texts.sort((a, b) => a.length - b.length)[25] ?? '');
  return file;
}

/**
 * The floor: the same load generator at the same rate against a bare `node:http` server answering
 * that timeline (bench/fixed-answer-server.ts). The engine's figure cannot be better than this one.
 */
async function floorAt500(answerFile: string): Promise<void> {
  const server = await startFixedAnswerServer(answerFile);
  try {
    const { steady: floor, cpu } = await at500AfterWarmUp(server.url, { kind: 'timelines', headers: {}, patients: ['any'] }, { server: server.pid });
    console.log(
      `floor on this machine: a bare node:http server answering one timeline of median size (${statSync(answerFile).size} bytes), 500 requests/s, same load generator: latency from when due p50 ${floor.p50} ms, p99 ${floor.p99} ms, max ${floor.max} ms (due ${floor.maxDueAt} s into the run)${cpu}`,
    );
  } finally {
    await server.stop();
  }
}

console.log(`bench:${opts.mode} on ${process.platform}/${process.arch}, node ${process.version}, ${opts.events} events recorded ${opts.order}`);
console.log(
  opts.mode === 'rebuild'
    ? 'targets: rebuild from 1,000,000 events into PostgreSQL >= 50000 events/s with peak memory <= 1 GiB; into PGlite >= 10000 events/s'
    : "targets: a patient's timeline over HTTP at 500 requests/s with p99 <= 10 ms",
);
for (const kind of opts.stores.split(',')) {
  await withStore(kind, async (config, env) => {
    const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite (files)';
    // Made again for each store (deterministic), so that none of it is held past its import.
    const patients = await loadAndRebuild(label, config, env, cohortLines(opts.events, opts.order));
    if (opts.mode === 'query') {
      collectGarbage();
      await queryTimelines(label, env, patients);
    }
  });
}
