import negotiate from '@fastify/accept-negotiator';
import { unpackView } from '@app/projections';
import type { FastifyReply } from 'fastify';

/** Whether the request's Accept-Encoding takes gzip over the identity (an absent header does not). */
export const takesGzip = (acceptEncoding: string | undefined): boolean => acceptEncoding !== undefined && negotiate(acceptEncoding, ['gzip', 'identity']) === 'gzip';

/**
 * A view's JSON text as the response body. A stored view is packed (gzip): it goes out as it is,
 * with Content-Encoding, to a client that takes gzip (browsers and HTTP libraries do), and is
 * unpacked for one that does not. Whether a view was stored or derived, its body depends on
 * Accept-Encoding, so caches are told (Vary).
 */
export function viewBody(reply: FastifyReply, acceptEncoding: string | undefined, body: Buffer, packed: boolean): Buffer {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (!packed) return body;
  if (!takesGzip(acceptEncoding)) return unpackView(body);
  reply.header('content-encoding', 'gzip');
  return body;
}
