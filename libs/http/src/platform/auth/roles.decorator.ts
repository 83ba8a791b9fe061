import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { type Role } from '#domain';

export const REQUIRED_ROLES = 'platform:required-roles';
/** Names the roles in the OpenAPI document; its 403 and a "Roles:" line are added when it is built. */
export const OPENAPI_ROLES_EXTENSION = 'x-required-roles';

/** The caller needs at least one of these roles (403 otherwise). Case membership is the application's check. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiExtension(OPENAPI_ROLES_EXTENSION, roles));
