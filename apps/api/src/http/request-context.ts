import type { FastifyRequest } from 'fastify';
import { DomainError } from '@app/domain';

/** The site an enrolment is recorded for, when the caller records for several (`X-Site-Id`). */
export const chosenSiteOf = (req: FastifyRequest): string | undefined => {
  const header = req.headers['x-site-id'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
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
