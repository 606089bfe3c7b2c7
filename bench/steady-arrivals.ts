import hdr from 'hdr-histogram-js';
import { Pool, type Dispatcher } from 'undici';

export interface SteadyArrivalsResult {
  readonly requestsPerSecond: number;
  readonly ok: number;
  readonly failed: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
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
  readonly request: (i: number) => Dispatcher.RequestOptions;
}

/**
 * A fixed number of clients sending requests at a constant arrival rate, each request on its
 * schedule whether or not earlier ones have answered. Latency counts from when a request was due,
 * not from when it left, so a server (or a client pool) that falls behind cannot hide its backlog
 * (coordinated omission, as wrk2 measures it). undici's pool keeps the client's own cost low: the
 * load generator shares this machine's two cores with the server and the database.
 */
export async function steadyArrivals({ origin, connections, rate, seconds, warmupSeconds = 1, request }: SteadyArrivalsOptions): Promise<SteadyArrivalsResult> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 }); // µs
  const warmup = Math.round(rate * warmupSeconds);
  const total = warmup + Math.round(rate * seconds);
  const interval = 1000 / rate;
  const answers: Promise<void>[] = [];
  let ok = 0;
  let failed = 0;
  // dispatch with a handler rather than request(): no body stream per answer, the bytes are only
  // counted off as they arrive; the client's CPU is taken from the two cores the server runs on.
  const send = (i: number, due: number) =>
    new Promise<void>((done) => {
      let status = 0;
      const finish = (answered: boolean) => {
        if (i >= warmup) {
          if (answered && status < 300) ok++;
          else failed++;
          latency.recordValue(Math.max(1, Math.round((performance.now() - due) * 1000)));
        }
        done();
      };
      pool.dispatch(request(i), {
        onRequestStart: () => undefined,
        onResponseStart: (_controller, statusCode) => (status = statusCode),
        onResponseData: () => undefined,
        onResponseEnd: () => finish(true),
        onResponseError: () => finish(false),
      });
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
  await pool.close();
  const ms = (us: number) => Math.round(us / 100) / 10;
  const result = { requestsPerSecond: Math.round(ok / elapsed), ok, failed, p50: ms(latency.getValueAtPercentile(50)), p99: ms(latency.getValueAtPercentile(99)), max: ms(latency.maxValue) };
  latency.destroy();
  return result;
}
