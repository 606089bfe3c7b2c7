import type { FastifyRequest } from 'fastify';
import { DomainError } from '@app/domain';

/** Who is recording. Until authentication lands (its own issue) the caller names themself. */
export const recordedByOf = (req: FastifyRequest): string => {
  const header = req.headers['x-recorded-by'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim().slice(0, 200) : 'anonymous';
};

export const correlationIdOf = (req: FastifyRequest): string => String(req.id);

/** `If-Match: "3"` (the ETag of GET /patients/:id/events) -> 3. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!m) throw DomainError.validation('INVALID_IF_MATCH', [{ field: 'If-Match', message: `must be the stream revision ETag, e.g. "3"; got ${header}` }]);
  return Number(m[1]);
}

export const etagOf = (revision: number | undefined): string => `"${revision ?? -1}"`;
