import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { callerOf } from '../auth/access.decorators.js';
import { AccessLog } from './access-log.service.js';
import { LOGGED_READ } from './logs-access.decorator.js';

/**
 * Logs each read of a route marked @LogsAccess once its answer has gone out (whatever the status:
 * a 404 for another site's patient is logged too). The entry is queued, never awaited.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<string | undefined>(LOGGED_READ, context.getHandler());
    if (!action) return next.handle();
    const req = context.switchToHttp().getRequest<FastifyRequest<{ Params: { patientId?: string } }>>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const caller = callerOf(req);
    reply.raw.once('finish', () => {
      this.log.record({
        at: new Date().toISOString(),
        subject: caller.subject,
        roles: [...caller.roles],
        via: caller.via,
        action,
        patientId: req.params.patientId ?? null,
        path: req.url,
        status: reply.statusCode,
        ip: req.ip ?? null,
        correlationId: String(req.id),
      });
    });
    return next.handle();
  }
}
