/**
 * Typed domain errors. They carry a stable code, a message for people and the field or event
 * concerned; the HTTP edge maps their kind to a status, the domain knows nothing of HTTP.
 */
/** `forbidden`: the caller may not record this kind of fact (e.g. a correction without the data-manager role). */
export type DomainErrorKind = 'validation' | 'illegal-state' | 'not-found' | 'conflict' | 'forbidden';

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly eventId?: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(code: string, issues: readonly FieldIssue[], summary?: string): DomainError {
    const first = issues[0];
    const message = summary ?? issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return new DomainError('validation', code, message, first?.field, undefined, issues);
  }

  static illegal(code: string, message: string, field?: string, eventId?: string): DomainError {
    return new DomainError('illegal-state', code, message, field, eventId);
  }

  static notFound(code: string, message: string, field?: string): DomainError {
    return new DomainError('not-found', code, message, field);
  }

  static forbidden(code: string, message: string, field?: string): DomainError {
    return new DomainError('forbidden', code, message, field);
  }

  toJSON(): Record<string, unknown> {
    return { kind: this.kind, code: this.code, message: this.message, field: this.field, eventId: this.eventId, issues: this.issues };
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
