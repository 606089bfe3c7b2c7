import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * This machine's speed at the moment, as a fixed piece of CPU work timed in a fresh process:
 * allocating small objects and serialising them, as the engine does all the time. The development
 * machine is a shared virtual machine whose speed moves by up to 2x within a session, so a figure
 * is printed with the reference measured around it. Lower is faster; the eleventh session saw
 * 1,080 ms when the machine ran fast and up to 1,930 ms when it did not.
 */
export async function machineReference(): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(import.meta.url), '--run']);
  return Number(stdout.trim());
}

export const describeReference = (before: number, after: number): string =>
  `machine reference ${Math.round(before)} ms before, ${Math.round(after)} ms after (lower is faster; 1,080 ms on a fast day)`;

function work(): number {
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

if (process.argv[2] === '--run') process.stdout.write(`${work().toFixed(0)}\n`);
