import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Each request carries a correlation id: the caller's X-Correlation-Id when it is sane, or a new
 * one. It is written back onto the raw request so the request logger and the handlers agree.
 */
export function correlationIdFor(req: IncomingMessage): string {
  const given = req.headers['x-correlation-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  req.headers['x-correlation-id'] = id;
  return id;
}
