import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Caller, Role } from '@app/access';
import type { FastifyRequest } from 'fastify';

export const PUBLIC_ROUTE = 'tte:public';
export const ALLOWED_ROLES = 'tte:roles';

/** Open to anyone (health checks, API docs): no patient data behind it. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route; a route without it is for admins only (deny by default). */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

const callers = new WeakMap<object, Caller>();

export const rememberCaller = (req: FastifyRequest, caller: Caller): void => {
  callers.set(req.raw, caller);
};

export function callerOf(req: FastifyRequest): Caller {
  const caller = callers.get(req.raw);
  if (!caller) throw new Error('no authenticated caller on this request (is the route public?)');
  return caller;
}

/** The authenticated caller, in a handler's parameters. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => callerOf(ctx.switchToHttp().getRequest<FastifyRequest>()));
