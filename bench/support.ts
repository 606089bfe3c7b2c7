import { InvalidArgumentError } from 'commander';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FactLine } from '@app/domain';
import { oneStatement } from '../test/support/fresh-database.js';
import { generateCohort } from '../test/support/synthetic-cohort.js';

/** Shared pieces of the benchmarks: a throwaway database, a cohort, and the API in its own process. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const SERVER = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function withDatabase<T>(use: (url: string) => Promise<T>): Promise<T> {
  const name = `tte_bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const admin = (sql: string) => oneStatement(SERVER, sql);
  await admin(`create database ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    return await use(url.toString());
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

/**
 * A full collection of this process's heap, now, before a measured run. An import leaves much of it
 * to collect (~1 GB after a 1M-fact cohort: its lines and what was made of them); V8 collects an
 * idle heap of that size when it sees fit, marking on both cores for ~0.5 s, and a measured run it
 * falls into stalls for as long.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Writes out what the server still holds dirty (CHECKPOINT) and says so; a server that refuses
 * (the role may not checkpoint) is left as it is and the output says that instead. Between a bulk
 * write and a measured read: the reads would otherwise share the disk with the write-back of what
 * was just written (a 1M-event rebuild writes ~1 GB), which a server in service finishes long
 * before anyone reads.
 */
export async function checkpoint(url: string): Promise<string> {
  try {
    await oneStatement(url, 'checkpoint');
    return 'the rebuild checkpointed before the reads';
  } catch (e) {
    return `no checkpoint before the reads (${(e as Error).message})`;
  }
}

/**
 * The order a cohort's facts reach the store: course by course (a migration from another system),
 * or as a registry records them over time, every patient's facts interleaved with everyone else's.
 */
export type CohortOrder = 'by-course' | 'over-time';

export function cohortOrder(value: string): CohortOrder {
  if (value === 'by-course' || value === 'over-time') return value;
  throw new InvalidArgumentError('expected by-course or over-time');
}

/**
 * About `events` NDJSON lines of a synthetic cohort (whole patients, seed 42). Over time, a fact is
 * placed at the latest clinical date its course has reached (a diagnosis dated before enrolment is
 * recorded at enrolment), so each patient's facts keep their order.
 */
export function cohortLines(events: number, order: CohortOrder = 'by-course'): string[] {
  const facts: { line: FactLine; at: string }[] = [];
  const reached = new Map<string, string>();
  for (const line of generateCohort({ patients: Math.ceil(events / 20), seed: 42 })) {
    const occurredOn = (line.data as { occurredOn?: unknown }).occurredOn;
    const before = reached.get(line.patientId) ?? '';
    const at = typeof occurredOn === 'string' && occurredOn > before ? occurredOn : before;
    reached.set(line.patientId, at);
    facts.push({ line, at });
    if (facts.length >= events) break;
  }
  if (order === 'over-time') facts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)); // stable: a course keeps its order
  return facts.map((f) => JSON.stringify(f.line));
}

/** Node options for a process a benchmark starts, from the named variable (e.g. `--cpu-prof`). */
export const nodeArgsFrom = (variable: string): string[] => (process.env[variable] ?? '').split(' ').filter(Boolean);

/** How `npm start`, `npm run projector` and `npm run cli` start Node (package.json), and the image (Dockerfile). */
export const SERVICE_NODE_ARGS = ['--max-semi-space-size=32'];

/**
 * A built app in its own process, started as `npm start` starts it, ready once its output says so (`ready` returns what it read);
 * stopped with SIGTERM, as a service manager would.
 */
async function startProcess<T>(
  name: string,
  script: string,
  nodeArgsVariable: string,
  env: Record<string, string>,
  ready: (output: string) => T | undefined,
  args: readonly string[] = [],
): Promise<{ value: T; pid: number | undefined; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, ...nodeArgsFrom(nodeArgsVariable), join(ROOT, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const value = await new Promise<T>((ok, fail) => {
    const watch = (d: Buffer) => {
      out += d.toString();
      const found = ready(out);
      if (found === undefined) return;
      child.stdout.off('data', watch).resume(); // later output is not kept
      ok(found);
    };
    child.stdout.on('data', watch);
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code}`)));
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return {
    value,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The API in its own process, as users run it; `headers` carry the local admin token it prints
 * where to find. Writes are not rate-limited here: the benches measure throughput.
 */
export async function startApi(env: Record<string, string>): Promise<{ url: string; headers: Record<string, string>; pid: number | undefined; stop: () => Promise<void> }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const api = await startProcess(
    'API',
    'dist/apps/api/src/main.js',
    'BENCH_API_NODE_ARGS',
    { LOG_LEVEL: 'warn', SEED_ON_EMPTY: 'false', WRITE_RATE_LIMIT_PER_MINUTE: '1000000', ...env, PORT: String(port) },
    (out) => /admin token (?:was written to|is in) (\S+)/.exec(out)?.[1],
  );
  return { url: `http://127.0.0.1:${port}`, headers: { authorization: `Bearer ${readFileSync(api.value, 'utf8').trim()}` }, pid: api.pid, stop: api.stop };
}

/**
 * The projection worker (apps/projector) in its own process, as the production stack runs it
 * beside an API started with PROJECTIONS=external.
 */
export async function startProjector(env: Record<string, string>): Promise<{ pid: number | undefined; stop: () => Promise<void> }> {
  return startProcess('projector', 'dist/apps/projector/src/main.js', 'BENCH_PROJECTOR_NODE_ARGS', { LOG_LEVEL: 'info', ...env }, (out) => (out.includes('projector started') ? true : undefined));
}

/** `bench/fixed-answer-server.ts` in its own process, answering every request with the file's text. */
export async function startFixedAnswerServer(file: string): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const server = await startProcess('fixed-answer server', 'dist/bench/fixed-answer-server.js', 'BENCH_FLOOR_NODE_ARGS', {}, (out) => /listening on (\d+)/.exec(out)?.[1], [file]);
  return { url: `http://127.0.0.1:${server.value}`, pid: server.pid, stop: server.stop };
}

/** A command-line option that must be a positive integer. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}
