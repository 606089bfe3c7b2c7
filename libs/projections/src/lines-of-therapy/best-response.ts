import { isMrdNegative, REMISSION_RESULTS, type ResponseResult } from '@app/domain';
import type { DatedFactOf } from './dated-facts.js';
import type { BestResponse } from './line-of-therapy.js';

export type Assessment = DatedFactOf<'ResponseAssessed'>;

const DEPTH: Record<ResponseResult, number> = { CR: 6, CRi: 5, PR: 4, SD: 3, NR: 2, PD: 1 };

export const isRemission = (result: ResponseResult): boolean => REMISSION_RESULTS.includes(result);

/** Only an overall assessment speaks for the patient; a marrow CR with disease elsewhere is no remission. */
export const isOverall = (a: Assessment): boolean => a.data.scope === 'overall';

export function responseOf(a: Assessment): BestResponse {
  const { result, mrd } = a.data;
  const negative = isMrdNegative(a.data);
  return { result, on: a.on, eventId: a.eventId, ...(mrd !== undefined && { mrd: mrd.value }), ...(negative !== undefined && { mrdNegative: negative }) };
}

/**
 * The deeper of two responses. At the same result a measured MRD beats an unmeasured one and a
 * lower MRD a higher one (MRD-negative first); otherwise the earlier response stands, so the best
 * response is dated when it was first reached.
 */
export function deeper(best: BestResponse | undefined, next: BestResponse): BestResponse {
  if (!best) return next;
  const byResult = DEPTH[next.result] - DEPTH[best.result];
  if (byResult !== 0) return byResult > 0 ? next : best;
  if (next.mrd === undefined) return best;
  return best.mrd === undefined || next.mrd < best.mrd ? next : best;
}
