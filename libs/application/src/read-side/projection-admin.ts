import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '#core';
import { type ProjectionStatus, ReadModels, type RebuildProgress, type RebuildResult } from '#projections';
import { type Principal } from '../principal.js';

/** Rebuilding read models and reporting their health: what the admin endpoint, /metrics and /health call. */
@Injectable()
export class ProjectionAdmin {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  /** Rebuilds the named projections (all when none are named), one after the other. Admin only. */
  async rebuild(
    principal: Principal,
    names?: readonly string[],
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<{ rebuilt: RebuildResult[] }> {
    if (!principal.roles.some((r) => r === 'admin' || r === 'system')) {
      throw new ForbiddenError('Only an admin rebuilds read models.');
    }
    const chosen = this.check(names);
    const rebuilt: RebuildResult[] = [];
    for (const name of chosen) rebuilt.push(await this.readModels.rebuild(name, onProgress));
    return { rebuilt };
  }

  status(): Promise<ProjectionStatus[]> {
    return this.readModels.status();
  }

  /** The projection names asked for, each known; every projection when none are named. */
  check(names?: readonly string[]): string[] {
    if (!names || names.length === 0) return this.readModels.names;
    const unknown = names.filter((n) => !this.readModels.names.includes(n));
    if (unknown.length > 0) {
      throw new NotFoundError(`No read model called ${unknown.join(', ')}; there are ${this.readModels.names.join(', ')}.`, 'PROJECTION.NOT_FOUND');
    }
    return [...new Set(names)];
  }
}
