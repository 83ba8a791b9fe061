import { SetMetadata } from '@nestjs/common';
import { type Role } from '#domain';

export const REQUIRED_ROLES = 'platform:required-roles';

/** The caller needs at least one of these roles (403 otherwise). Case membership is the application's check. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
