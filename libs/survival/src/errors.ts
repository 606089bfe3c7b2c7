/**
 * Typed errors of the survival library. They have the shape of the domain's errors (kind, code,
 * message, field) plus the subject index, so the edge can map them without this library importing
 * anything: `validation` for bad input, `illegal-state` for data on which R's answer is an error.
 */
export type SurvivalErrorKind = 'validation' | 'illegal-state';

export type SurvivalErrorCode =
  | 'INVALID_INPUT'
  | 'EMPTY_SAMPLE'
  | 'LENGTH_MISMATCH'
  | 'INVALID_TIME'
  | 'INVALID_EVENT'
  | 'INVALID_GROUP'
  | 'MISSING_GROUP'
  | 'UNKNOWN_GROUP'
  | 'EMPTY_GROUP'
  | 'NOT_ENOUGH_GROUPS'
  | 'TOO_MANY_GROUPS'
  | 'INVALID_OPTION'
  | 'NO_TIMES_IN_RANGE'
  | 'SINGULAR_VARIANCE';

export class SurvivalError extends Error {
  constructor(
    readonly kind: SurvivalErrorKind,
    readonly code: SurvivalErrorCode,
    message: string,
    readonly field?: string,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'SurvivalError';
  }

  static invalid(code: SurvivalErrorCode, field: string, message: string, index?: number): SurvivalError {
    return new SurvivalError('validation', code, `${field}: ${message}`, field, index);
  }

  toJSON(): Record<string, unknown> {
    return { kind: this.kind, code: this.code, message: this.message, field: this.field, index: this.index };
  }
}

export const isSurvivalError = (e: unknown): e is SurvivalError => e instanceof SurvivalError;
