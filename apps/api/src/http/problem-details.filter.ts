import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { AccessError } from '@app/access';
import { isDomainError, type DomainErrorKind } from '@app/domain';
import { EventStoreError, WrongExpectedRevisionError } from '@app/event-store';
import type { FastifyReply, FastifyRequest } from 'fastify';

const STATUS: Record<DomainErrorKind, number> = { validation: 400, 'illegal-state': 422, 'not-found': 404, conflict: 409, forbidden: 403 };

interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  [extra: string]: unknown;
}

/**
 * The one place errors become HTTP answers: RFC 7807 problem details with a stable code, a message
 * for people and the field or event concerned. Never a stack trace or SQL.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error);
    if (problem.status === 401) void reply.header('WWW-Authenticate', `Bearer realm="tte", error="invalid_token", error_description="${problem.detail.replaceAll('"', "'")}"`);
    if (problem.status >= 500) this.logger.error({ err: error, correlationId: req.id }, 'unhandled error');
    void reply
      .code(problem.status)
      .header('content-type', 'application/problem+json')
      .send({ type: `urn:tte:problem:${problem.code}`, instance: req.url, correlationId: req.id, ...problem });
  }

  private toProblem(error: unknown): Problem {
    if (isDomainError(error)) {
      return { status: STATUS[error.kind], code: error.code, title: error.kind, detail: error.message, field: error.field, eventId: error.eventId, issues: error.issues.length ? error.issues : undefined };
    }
    if (error instanceof AccessError) {
      return { status: error.status, code: error.code, title: error.status === 401 ? 'unauthenticated' : 'forbidden', detail: error.message };
    }
    if (error instanceof WrongExpectedRevisionError) {
      return { status: 409, code: error.code, title: 'conflict', detail: error.message, currentRevision: error.actual ?? null };
    }
    if (error instanceof EventStoreError) {
      return { status: error.code === 'STORE_UNAVAILABLE' ? 503 : 409, code: error.code, title: 'conflict', detail: error.message };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status === 400 && /JSON/.test(error.message)) return { status, code: 'MALFORMED_JSON', title: 'bad request', detail: `The body is not valid JSON: ${error.message}` };
      return { status, code: status === 404 ? 'ROUTE_NOT_FOUND' : `HTTP_${status}`, title: error.name, detail: error.message };
    }
    const fastify = error as { statusCode?: number; code?: string; message?: string; detail?: string };
    if (typeof fastify.statusCode === 'number' && fastify.statusCode < 500) {
      const malformed = fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastify.message ?? '');
      return {
        status: fastify.statusCode,
        code: malformed ? 'MALFORMED_JSON' : (fastify.code ?? `HTTP_${fastify.statusCode}`),
        title: fastify.statusCode === 429 ? 'too many requests' : 'bad request',
        detail: malformed ? `The body is not valid JSON: ${fastify.message}` : (fastify.detail ?? fastify.message ?? 'bad request'),
      };
    }
    return { status: 500, code: 'INTERNAL_ERROR', title: 'internal error', detail: 'An unexpected error occurred; it has been logged with this correlation id' };
  }
}
