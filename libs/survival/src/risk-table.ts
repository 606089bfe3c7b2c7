import { SurvivalError } from './errors.js';
import { tiedTimeCuts } from './time-fix.js';
import { toSample, type SampleOptions, type SurvivalInput, type SurvivalSample } from './validate.js';

/**
 * The counting-process table every estimator here reads: at each distinct time t_j (ascending),
 * per group g, the number of events d_gj and of censorings c_gj. The number at risk follows,
 *     n_gj = N_g - sum_{i<j} (d_gi + c_gi),
 * so an event and a censoring at the same time both count as at risk at that time (events before
 * censorings, as R's survival treats ties).
 *
 * Built with one sort of a typed array per (group, status) bucket (no comparator, no per-subject
 * objects) and a merge of the sorted buckets; R's timefix is applied to the distinct times.
 * Per-group counts are dense, groups x distinct times; beyond 2^25 cells the table refuses
 * (TOO_MANY_GROUPS) rather than exhaust memory.
 * Estimators trust a RiskTable: it is only made here, from a validated sample.
 */
export interface RiskTable {
  readonly kind: 'risk-table';
  /** Number of subjects. */
  readonly size: number;
  /** Distinct times, ascending (after timefix). */
  readonly time: Float64Array;
  /** Group names; [] when the table pools everyone. */
  readonly groups: readonly string[];
  /** Subjects per group (one entry, everyone, when pooled). */
  readonly groupSize: Int32Array;
  /** Events per group and time, group-major: event[g * time.length + j]. */
  readonly event: Int32Array;
  readonly censor: Int32Array;
  /** Events and censorings per time, all groups together. */
  readonly totalEvent: Int32Array;
  readonly totalCensor: Int32Array;
}

export interface TableOptions extends SampleOptions {
  /** R's timefix: merge times closer than sqrt(machine epsilon). Default true, as in R. */
  readonly timefix?: boolean;
  /** Keep per-group counts (needed by the log-rank test and per-group curves). Default true. */
  readonly byGroup?: boolean;
}

/** Per-group counts are dense (groups x distinct times): 2^25 cells is 256 MB of counts. */
const MAX_CELLS = 2 ** 25;

/** Data in any of the forms the estimators accept. */
export type SurvivalData = SurvivalInput | SurvivalSample | RiskTable;

const isTable = (data: SurvivalData): data is RiskTable => !Array.isArray(data) && (data as RiskTable).kind === 'risk-table';
const isSample = (data: SurvivalData): data is SurvivalSample => !Array.isArray(data) && (data as SurvivalSample).kind === 'survival-sample';

/**
 * A RiskTable as it is (its timefix and grouping were fixed when it was built), or one built from
 * raw data, validated first. Build it once to give several estimators the same sorted data.
 */
export function riskTable(data: SurvivalData, options: TableOptions = {}): RiskTable {
  if (isTable(data)) return data;
  return tabulate(isSample(data) ? data : toSample(data, options), options);
}

export function tabulate(sample: SurvivalSample, options: TableOptions = {}): RiskTable {
  const byGroup = (options.byGroup ?? true) && sample.groups.length > 0;
  const k = byGroup ? sample.groups.length : 1;
  const { sorted, start } = sortIntoBuckets(sample, byGroup, k);
  const distinct = mergeDistinct(sorted, start);
  const time = options.timefix === false ? distinct : tiedTimeCuts(distinct);
  const m = time.length;
  if (k > 1 && k * m > MAX_CELLS) {
    throw SurvivalError.invalid('TOO_MANY_GROUPS', 'group', `${k} groups x ${m} distinct times is more than ${MAX_CELLS} cells; are subject ids being used as groups?`);
  }

  const event = new Int32Array(k * m);
  const censor = new Int32Array(k * m);
  const groupSize = new Int32Array(k);
  for (let b = 0; b < 2 * k; b++) {
    const g = b >> 1;
    const counts = (b & 1) === 1 ? event : censor;
    const base = g * m;
    const end = start[b + 1]!;
    groupSize[g] = groupSize[g]! + end - start[b]!;
    let j = 0;
    for (let i = start[b]!; i < end; i++) {
      const t = sorted[i]!;
      while (j + 1 < m && time[j + 1]! <= t) j++;
      counts[base + j]!++;
    }
  }
  const [totalEvent, totalCensor] = k === 1 ? [event, censor] : [sumGroups(event, k, m), sumGroups(censor, k, m)];
  return { kind: 'risk-table', size: sample.time.length, time, groups: byGroup ? sample.groups : [], groupSize, event, censor, totalEvent, totalCensor };
}

/** Times sorted within each (group, status) bucket b = 2g + status; bucket b is sorted[start[b] .. start[b+1]). */
function sortIntoBuckets(sample: SurvivalSample, byGroup: boolean, k: number): { sorted: Float64Array; start: Int32Array } {
  const n = sample.time.length;
  const start = new Int32Array(2 * k + 1);
  for (let i = 0; i < n; i++) start[(byGroup ? 2 * sample.group[i]! : 0) + sample.event[i]! + 1]!++;
  for (let b = 0; b < 2 * k; b++) start[b + 1] = start[b + 1]! + start[b]!;
  const fill = start.slice(0, 2 * k);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[fill[(byGroup ? 2 * sample.group[i]! : 0) + sample.event[i]!]!++] = sample.time[i]!;
  for (let b = 0; b < 2 * k; b++) sorted.subarray(start[b]!, start[b + 1]!).sort();
  return { sorted, start };
}

/** The distinct times of all buckets: a merge of the sorted buckets, or with many groups one more sort. */
function mergeDistinct(sorted: Float64Array, start: Int32Array): Float64Array {
  const buckets = start.length - 1;
  if (buckets > 8) return unique(sorted.slice().sort());
  const head = start.slice(0, buckets);
  const out = new Float64Array(sorted.length);
  let m = 0;
  for (;;) {
    let min = Infinity;
    for (let b = 0; b < buckets; b++) if (head[b]! < start[b + 1]! && sorted[head[b]!]! < min) min = sorted[head[b]!]!;
    if (min === Infinity) break;
    out[m++] = min;
    for (let b = 0; b < buckets; b++) {
      const end = start[b + 1]!;
      let h = head[b]!;
      while (h < end && sorted[h] === min) h++;
      head[b] = h;
    }
  }
  return out.slice(0, m);
}

function unique(ascending: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < ascending.length; i++) if (m === 0 || ascending[i] !== ascending[m - 1]) ascending[m++] = ascending[i]!;
  return ascending.slice(0, m);
}

function sumGroups(counts: Int32Array, k: number, m: number): Int32Array {
  const total = new Int32Array(m);
  for (let g = 0; g < k; g++) for (let j = 0, base = g * m; j < m; j++) total[j]! += counts[base + j]!;
  return total;
}
