import { type DynamicModule, type ForwardReference, Module, type Type } from '@nestjs/common';
import { ApplicationModule } from '#application';
import { AuditModule } from '#audit';
import { type AppSettings } from '#config';
import { PlatformModule, prometheusCommandObserver, ResourcesModule } from '#http';
import { WebPagesModule } from '#web-pages';

export type ModuleImport = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface AppModuleOptions {
  /** Replaces ApplicationModule.forRoot(settings): a stand-in, for tests of the platform alone. */
  readonly application?: DynamicModule;
  /** Further modules: resource controllers, or test-only controllers. */
  readonly imports?: readonly ModuleImport[];
  /** The API's resources (api.md) and the web pages; on unless false (the platform's own tests may leave them out). */
  readonly resources?: boolean;
}

/** The HTTP API: the platform (global), the application behind the buses, the resources and the web pages. */
@Module({})
export class AppModule {
  static forRoot(settings: AppSettings, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(settings),
        options.application ?? ApplicationModule.forRoot(settings, { observer: prometheusCommandObserver }),
        // The audit side and the web pages need the real application (its store, queries, settings and data directory).
        ...(options.application ? [] : [AuditModule]),
        ...(options.resources === false ? [] : [ResourcesModule]),
        ...(options.resources === false || options.application ? [] : [WebPagesModule]),
        ...(options.imports ?? []),
      ],
    };
  }
}
