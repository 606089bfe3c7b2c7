import hdr from 'hdr-histogram-js';
import { Agent, request as httpRequest } from 'node:http';

/** One request of the load: what `request(i)` returns. */
export interface PlannedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface SteadyArrivalsResult {
  readonly requestsPerSecond: number;
  readonly ok: number;
  readonly failed: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** When the slowest request was due, seconds into the measured run: a stall shows as one moment. */
  readonly maxDueAt: number;
}

export interface SteadyArrivalsOptions {
  readonly origin: string;
  /** Clients: requests due while all are busy wait for one, and that wait counts in their latency. */
  readonly connections: number;
  readonly rate: number;
  readonly seconds: number;
  /**
   * Sent at the same rate before the measured seconds and not counted (default 1 s): the pool's
   * connections open and the server's cold paths warm up there, as wrk2 calibrates before it measures.
   */
  readonly warmupSeconds?: number;
  readonly request: (i: number) => PlannedRequest;
}

/**
 * A fixed number of clients sending requests at a constant arrival rate, each request on its
 * schedule whether or not earlier ones have answered. Latency counts from when a request was due,
 * not from when it left, so a server (or a client pool) that falls behind cannot hide its backlog
 * (coordinated omission, as wrk2 measures it). The clients are Node's own (`node:http`, keep-alive,
 * sockets taken in turn): against a bare server answering 72 KB, undici's pool added a tail of its
 * own (p99 6.6-10.4 ms against 2.2-3.3 ms, same rate, same machine), and so hid the engine's.
 */
export async function steadyArrivals({ origin, connections, rate, seconds, warmupSeconds = 1, request }: SteadyArrivalsOptions): Promise<SteadyArrivalsResult> {
  const { hostname, port } = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: connections, scheduling: 'fifo' });
  const latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 }); // µs
  const warmup = Math.round(rate * warmupSeconds);
  const total = warmup + Math.round(rate * seconds);
  const interval = 1000 / rate;
  const answers: Promise<void>[] = [];
  let ok = 0;
  let failed = 0;
  let slowest = { latency: 0, due: 0 };
  const send = (i: number, due: number) =>
    new Promise<void>((done) => {
      const finish = (status: number) => {
        if (i >= warmup) {
          if (status >= 200 && status < 300) ok++;
          else failed++;
          const took = performance.now() - due;
          latency.recordValue(Math.max(1, Math.round(took * 1000)));
          if (took > slowest.latency) slowest = { latency: took, due };
        }
        done();
      };
      const { method, path, headers, body } = request(i);
      const req = httpRequest({ host: hostname, port, method, path, headers, agent }, (res) => {
        res.on('data', () => undefined); // the bytes are only read off
        res.on('end', () => finish(res.statusCode ?? 0));
        res.on('error', () => finish(0));
      });
      req.on('error', () => finish(0));
      req.end(body);
    });
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      for (; sent < total && start + sent * interval <= now; sent++) answers.push(send(sent, start + sent * interval));
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      else done();
    };
    tick();
  });
  await Promise.all(answers);
  const elapsed = (performance.now() - start) / 1000 - warmupSeconds;
  agent.destroy();
  const ms = (us: number) => Math.round(us / 100) / 10;
  const result = { requestsPerSecond: Math.round(ok / elapsed), ok, failed, p50: ms(latency.getValueAtPercentile(50)), p99: ms(latency.getValueAtPercentile(99)), max: ms(latency.maxValue), maxDueAt: Math.round(((slowest.due - start) / 1000 - warmupSeconds) * 10) / 10 };
  latency.destroy();
  return result;
}
