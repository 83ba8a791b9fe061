import { type DynamicModule, type ForwardReference, Module, type Type } from '@nestjs/common';
import { ApplicationModule } from '#application';
import { AuditModule } from '#audit';
import { type AppSettings } from '#config';
import { PlatformModule, prometheusCommandObserver, ResourcesModule } from '#http';

export type ModuleImport = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface AppModuleOptions {
  /** Replaces ApplicationModule.forRoot(settings): a stand-in, for tests of the platform alone. */
  readonly application?: DynamicModule;
  /** Further modules: resource controllers, or test-only controllers. */
  readonly imports?: readonly ModuleImport[];
  /** The API's resources (api.md); on unless false (the platform's own tests may leave them out). */
  readonly resources?: boolean;
}

/** The HTTP API: the platform (global), the application behind the buses, and the resources. */
@Module({})
export class AppModule {
  static forRoot(settings: AppSettings, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(settings),
        options.application ?? ApplicationModule.forRoot(settings, { observer: prometheusCommandObserver }),
        // The audit side needs the real application (its store, queries and data directory).
        ...(options.application ? [] : [AuditModule]),
        ...(options.resources === false ? [] : [ResourcesModule]),
        ...(options.imports ?? []),
      ],
    };
  }
}
