import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_SETTINGS, type AppSettings, DEFAULT_SESSION_SETTINGS } from '#config';
import { HistoryController } from './audit/history.controller.js';
import { IntegrityController } from './audit/integrity.controller.js';
import { CaseListPage } from './cases/case-list-page.js';
import { CasePage } from './cases/case-page.js';
import { CasesController } from './cases/cases.controller.js';
import { DirectoryController } from './directory/directory.controller.js';
import { CommandFormController } from './forms/command-form.controller.js';
import { FormPage } from './forms/form-page.js';
import { HomeController } from './home/home.controller.js';
import { RaiseController } from './raise/raise.controller.js';
import { AnnualReportController } from './report/report.controller.js';
import { WorkQueuePage } from './home/work-queue-page.js';
import { PageReply } from './platform/page-reply.js';
import { CsrfGuard } from './session/csrf.guard.js';
import { PageSessionGuard } from './session/page-session.guard.js';
import { SessionPrincipals } from './session/session-principals.js';
import { SessionStore } from './session/session-store.js';

/**
 * The web pages (issue 12): thin page controllers over the same buses as the API, a service per
 * page that builds its view model, one template per page over one layout, and one guard per
 * concern (the session, CSRF). Needs the global ApplicationModule and PlatformModule; pair with
 * configurePages(app) for the form body types and the pages' headers.
 */
@Module({
  controllers: [HomeController, RaiseController, CommandFormController, HistoryController, IntegrityController, CasesController, DirectoryController, AnnualReportController],
  providers: [
    {
      provide: SessionStore,
      useFactory: (settings: AppSettings) => SessionStore.open(settings.dataDir, settings.sessions ?? DEFAULT_SESSION_SETTINGS),
      inject: [APP_SETTINGS],
    },
    SessionPrincipals,
    PageSessionGuard,
    CsrfGuard,
    PageReply,
    WorkQueuePage,
    CaseListPage,
    CasePage,
    FormPage,
  ],
})
export class WebPagesModule implements OnApplicationShutdown {
  constructor(@Inject(SessionStore) private readonly sessions: SessionStore) {}

  onApplicationShutdown(): void {
    this.sessions.close();
  }
}
