import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CpuReading } from './process-cpu.js';
import { steadyArrivals, type PlannedRequest, type SteadyArrivalsResult } from './steady-arrivals.js';

/**
 * What the load generator sends, as data: functions cannot cross into its process.
 * - `timelines`: GET a patient's timeline, patients in turn;
 * - `lab-values`: command i records lab value i for patient `H{i mod patients}` (bench:append).
 */
export type RequestPlan =
  | { readonly kind: 'timelines'; readonly headers: Readonly<Record<string, string>>; readonly patients: readonly string[] }
  | { readonly kind: 'lab-values'; readonly headers: Readonly<Record<string, string>>; readonly patients: number };

export function requestsOf(plan: RequestPlan): (i: number) => PlannedRequest {
  if (plan.kind === 'timelines') return (i) => ({ method: 'GET', path: `/patients/${plan.patients[i % plan.patients.length] ?? ''}/timeline`, headers: { ...plan.headers } });
  return (i) => ({
    method: 'POST',
    path: `/patients/H${i % plan.patients}/events`,
    headers: { 'content-type': 'application/json', ...plan.headers },
    body: JSON.stringify({ type: 'LabMeasured', data: { occurredOn: '2020-02-01', analyte: 'IL-6', specimen: 'PB', value: i % 1000, unit: 'pg/mL' } }),
  });
}

export interface LoadRun {
  readonly origin: string;
  readonly connections: number;
  readonly rate: number;
  readonly seconds: number;
  readonly plan: RequestPlan;
  /** Number of the first request (a plan's patients go on in turn from one run to the next). */
  readonly startAt?: number;
}

export interface LoadResult extends SteadyArrivalsResult {
  /** The load generator's own CPU seconds (user + system), its second of warm-up included. */
  readonly cpuSeconds: number;
}

/** A CPU reading with the load generator's seconds added (see `cpuPer`). */
export const withLoadGenerator = (reading: CpuReading | undefined, result: LoadResult): CpuReading | undefined =>
  reading && new Map([...reading, ['load generator', result.cpuSeconds]]);

/**
 * Steady arrivals (`steady-arrivals.ts`) from a process of their own, as wrk2 runs apart from what
 * it measures: a benchmark's process holds the cohort it imported (hundreds of MiB), and its
 * collector paused for up to 56 ms while it generated load (measured with --trace-gc), which made
 * every request due meanwhile late.
 */
export async function steadyArrivalsApart(run: LoadRun): Promise<LoadResult> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--run'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  child.stdin.end(JSON.stringify(run));
  const code = await exited;
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult;
}

async function runFromStdin(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const run = JSON.parse(input) as LoadRun;
  const request = requestsOf(run.plan);
  const startAt = run.startAt ?? 0;
  const started = process.cpuUsage(); // not this process's start-up
  const result = await steadyArrivals({ origin: run.origin, connections: run.connections, rate: run.rate, seconds: run.seconds, request: (i) => request(startAt + i) });
  const { user, system } = process.cpuUsage(started);
  process.stdout.write(`${JSON.stringify({ ...result, cpuSeconds: (user + system) / 1e6 })}\n`);
}

if (process.argv[2] === '--run') await runFromStdin();
