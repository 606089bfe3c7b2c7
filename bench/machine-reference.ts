import { execFile } from 'node:child_process';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * This machine's speed at the moment, measured in a fresh process three ways, since the
 * development machine is a shared virtual machine whose costs move independently of each other:
 * - `cpuMs`: a fixed piece of CPU work (allocating small objects and serialising them, as the
 *   engine does all the time). The eleventh session saw 1,080 ms when the machine ran fast and up
 *   to 1,930 ms when it did not.
 * - `pageFaultUs`: the cost of touching a fresh page. The fourteenth session's machine took
 *   11-13 µs a page, the fifteenth's ~1.6 µs, with the same CPU reference: imports and rebuilds
 *   fault about their peak memory, so this moved them by a quarter.
 * - `roundTripUs`: a message sent to and answered by a loopback TCP socket, the system calls
 *   every statement sent to PostgreSQL and every HTTP request pays.
 */
export interface MachineReference {
  readonly cpuMs: number;
  readonly pageFaultUs: number;
  readonly roundTripUs: number;
}

export async function machineReference(): Promise<MachineReference> {
  const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(import.meta.url), '--run']);
  return JSON.parse(stdout) as MachineReference;
}

const describeOne = (r: MachineReference): string =>
  `${Math.round(r.cpuMs)} ms CPU, ${r.pageFaultUs.toFixed(1)} µs a page fault, ${Math.round(r.roundTripUs)} µs a loopback round trip`;

/** What the reference read on a fast machine: the CPU workload in the eleventh session, the rest in the fifteenth. */
const FAST_DAY: MachineReference = { cpuMs: 1080, pageFaultUs: 1.6, roundTripUs: 20 };

export const describeReference = (before: MachineReference, after: MachineReference): string =>
  `machine reference before: ${describeOne(before)}; after: ${describeOne(after)} (lower is faster; a fast day: ${describeOne(FAST_DAY)})`;

function cpuWork(): number {
  const started = performance.now();
  const kept: string[] = [];
  let sum = 0;
  for (let i = 0; i < 3_000_000; i++) {
    const o = { i, s: `x${i}`, d: { v: i * 2 } };
    kept.push(JSON.stringify(o));
    if (kept.length > 1000) kept.length = 0;
    sum += o.d.v;
  }
  if (sum < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return performance.now() - started;
}

/** 256 MiB outside V8's heap, one byte written per 4 KiB page: each write faults a page in. */
function pageFaultWork(): number {
  const pages = 65_536;
  const started = performance.now();
  const memory = Buffer.allocUnsafeSlow(pages * 4096);
  for (let i = 0; i < memory.length; i += 4096) memory[i] = 1;
  return ((performance.now() - started) * 1000) / pages;
}

/** One byte back and forth over loopback TCP, 5,000 times after 500 not counted. */
async function roundTripWork(): Promise<number> {
  const server = createServer((socket) => socket.on('data', (data) => socket.write(data)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client: Socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  client.setNoDelay(true);
  await new Promise((resolve) => client.once('connect', resolve));
  const ping = () => new Promise<void>((resolve) => { client.once('data', () => resolve()); client.write('x'); });
  for (let i = 0; i < 500; i++) await ping();
  const rounds = 5_000;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await ping();
  const us = ((performance.now() - started) * 1000) / rounds;
  client.destroy();
  server.close();
  return us;
}

if (process.argv[2] === '--run') {
  const reference: MachineReference = { cpuMs: cpuWork(), pageFaultUs: pageFaultWork(), roundTripUs: await roundTripWork() };
  process.stdout.write(`${JSON.stringify(reference)}\n`);
}
