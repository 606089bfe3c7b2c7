import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessError, hasAnyRole, type Role } from '@app/access';
import type { FastifyRequest } from 'fastify';
import { ALLOWED_ROLES, PUBLIC_ROUTE, rememberCaller } from './access.decorators.js';
import { Authenticator } from './authenticator.js';

/**
 * Every route but the public ones needs an authenticated caller (401 otherwise) holding one of the
 * route's roles (403 otherwise; admins may do everything). Site scoping is the handlers' part:
 * patients of other sites answer 404.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const caller = await this.authenticator.authenticate(req.headers);
    rememberCaller(req, caller);
    const allowed = [...(this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? []), 'admin' as const];
    if (!hasAnyRole(caller, allowed)) throw AccessError.forbidden(`this needs one of the roles ${allowed.join(', ')}; ${caller.subject} has ${caller.roles.size ? [...caller.roles].join(', ') : 'none'}`);
    return true;
  }
}
