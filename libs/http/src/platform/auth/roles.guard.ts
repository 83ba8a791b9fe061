import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '#core';
import { type Role } from '#domain';
import '../request-context.js';
import { REQUIRED_ROLES } from './roles.decorator.js';

/** Runs after the authentication guard: a route marked @Roles(...) needs one of those roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (required === undefined || required.length === 0) return true;
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal) throw new UnauthenticatedError();
    if (principal.roles.some((role) => required.includes(role))) return true;
    throw new ForbiddenError(`This needs one of these roles: ${required.join(', ')}.`, 'AUTH.ROLE_REQUIRED');
  }
}
