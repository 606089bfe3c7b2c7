import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, seconds) of processes on this machine, read from /proc: what a run cost
 * each side (the API, the projector, PostgreSQL's backends, the load generator). CPU per command
 * moves far less from run to run than a latency percentile on a shared two-core machine. Linux
 * only; elsewhere every figure is undefined and nothing is printed.
 */
export type CpuReading = ReadonlyMap<string, number>;

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

interface Stat {
  readonly name: string;
  readonly parent: string;
  /** Its own user + system time, seconds. */
  readonly own: number;
  /** Of its children that have ended. */
  readonly endedChildren: number;
}

function statOf(pid: string): Stat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      parent: fields[1] ?? '',
      own: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      endedChildren: (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined; // gone meanwhile
  }
}

/**
 * CPU seconds of the named processes (pids), and of PostgreSQL: every server process, plus what
 * its ended backends used (counted on the postmaster once it has reaped them), so a pool closing
 * idle connections during a run takes nothing away.
 */
export function readCpu(processes: Readonly<Record<string, number | undefined>>): CpuReading | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const reading = new Map<string, number>();
  for (const [name, pid] of Object.entries(processes)) {
    const stat = pid === undefined ? undefined : statOf(String(pid));
    if (stat) reading.set(name, stat.own);
  }
  const server = new Map<string, Stat>();
  for (const pid of pids) {
    const stat = statOf(pid);
    if (stat?.name === 'postgres') server.set(pid, stat);
  }
  let postgres = 0;
  for (const stat of server.values()) postgres += stat.own + (server.has(stat.parent) ? 0 : stat.endedChildren);
  reading.set('PostgreSQL', postgres);
  return reading;
}

/** "CPU per command: API 212 µs, PostgreSQL 98 µs, ..." between two readings, over `count` requests. */
export function cpuPer(what: string, before: CpuReading | undefined, after: CpuReading | undefined, count: number): string {
  if (!before || !after || count === 0) return '';
  const parts = [...after].map(([name, cpu]) => `${name} ${Math.round(((cpu - (before.get(name) ?? 0)) * 1e6) / count)} µs`);
  return `; CPU per ${what}: ${parts.join(', ')}`;
}
