/** Why a request is refused before it reaches the domain: no or bad credentials (401), or a role that may not (403). */
export class AccessError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }

  static unauthenticated(reason: string): AccessError {
    return new AccessError(401, 'UNAUTHENTICATED', reason);
  }

  static forbidden(reason: string): AccessError {
    return new AccessError(403, 'FORBIDDEN', reason);
  }
}
