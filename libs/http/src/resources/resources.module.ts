import { Module } from '@nestjs/common';
import { ProjectionsController } from './admin/projections.controller.js';
import { AssetsController } from './assets/assets.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { BundleController } from './disputes/bundle.controller.js';
import { DisputeCommandsController } from './disputes/dispute-commands.controller.js';
import { DisputesController } from './disputes/disputes.controller.js';
import { EvidenceController } from './disputes/evidence.controller.js';
import { MeController } from './me/me.controller.js';
import { OrganisationsController } from './organisations/organisations.controller.js';
import { PeopleController } from './people/people.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { WorkQueueController } from './work-queue/work-queue.controller.js';

/**
 * The API's resources (api.md): thin controllers that turn a validated request into a bus message
 * and its result into the response. The buses come from the global ApplicationModule; errors,
 * auth, idempotency and validation from the global PlatformModule.
 */
@Module({
  controllers: [
    OrganisationsController,
    PeopleController,
    MeController,
    DisputesController,
    EvidenceController,
    BundleController,
    DisputeCommandsController,
    WorkQueueController,
    ProjectionsController,
    ReportsController,
    AssetsController,
    AuditController,
  ],
})
export class ResourcesModule {}
