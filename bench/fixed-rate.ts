import { loadTest } from 'loadtest';

export interface FixedRateResult {
  readonly requestsPerSecond: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

interface LoadTestOutcome {
  totalRequests: number;
  totalErrors: number;
  totalTimeSeconds: number;
  percentiles: Record<number, number>;
  maxLatencyMs: number;
}

/** loadtest 8's promise form (its bundled typings still describe the callback form). */
const run = loadTest as unknown as (options: Record<string, unknown>) => Promise<LoadTestOutcome>;

/**
 * GETs at a constant arrival rate with loadtest: a request leaves every 1/rate seconds whether or
 * not the earlier ones have answered (an open model). autocannon's rate option is a per-second
 * quota per connection, which sends each second's requests in one burst at the top of the second,
 * so its latencies at "500 requests/s" are those of a burst, not of a steady 500 a second.
 * `PATIENT_ID` in the url is replaced, request by request, with `next()`.
 */
export async function fixedRate(url: string, headers: Record<string, string>, rate: number, seconds: number, next: () => string): Promise<FixedRateResult> {
  // A copy: loadtest adds its own headers to the object it is given.
  const r = await run({ url, headers: { ...headers }, requestsPerSecond: rate, maxSeconds: seconds, agentKeepAlive: true, quiet: true, indexParam: 'PATIENT_ID', indexParamCallback: next });
  return {
    requestsPerSecond: Math.round(r.totalRequests / r.totalTimeSeconds),
    errors: r.totalErrors,
    p50: r.percentiles[50] ?? 0,
    p99: r.percentiles[99] ?? 0,
    max: r.maxLatencyMs,
  };
}
