import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '#core';
import { type Role } from '#domain';
import '../request-context.js';
import { REQUIRED_ROLES } from './roles.decorator.js';
import { RouteMetadata } from './route-metadata.js';

/** Runs after the authentication guard: a route marked @Roles(...) needs one of those roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly routes: RouteMetadata<readonly Role[] | undefined>;

  constructor(@Inject(Reflector) reflector: Reflector) {
    this.routes = new RouteMetadata((handler, controller) =>
      reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [handler, controller]),
    );
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.routes.of(context);
    if (required === undefined || required.length === 0) return true;
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal) throw new UnauthenticatedError();
    if (principal.roles.some((role) => required.includes(role))) return true;
    throw new ForbiddenError(`This needs one of these roles: ${required.join(', ')}.`, 'AUTH.ROLE_REQUIRED');
  }
}
