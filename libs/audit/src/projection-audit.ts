import { Inject, Injectable } from '@nestjs/common';
import { applicationProjections, type Principal } from '#application';
import { APP_SETTINGS, type AppSettings } from '#config';
import { EVENT_STORE, type EventStore } from '#event-store';
import { assertAuditor } from './operator.js';
import { type ProjectionCheck, type ProjectionCheckProgress, checkProjections } from './projection-check.js';

/** GET /audit/projections and `cli check-projections`: the read models rebuilt in a scratch directory and compared with the live ones. */
@Injectable()
export class ProjectionAudit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  check(principal: Principal, onProgress?: (progress: ProjectionCheckProgress) => void): Promise<ProjectionCheck> {
    assertAuditor(principal, 'check the read models');
    return checkProjections(this.store, this.settings.dataDir, applicationProjections(), { ...(onProgress && { onProgress }) });
  }
}
