import { type TestServerOptions } from './http-harness.js';
import { PlatformProbeModule } from './platform-probe.module.js';
import { StandInApplicationModule } from './stand-in-application.module.js';

/** What the platform's end-to-end specs run with: the probe routes, over the stand-in application. */
export const PLATFORM_TEST_OPTIONS: TestServerOptions = {
  imports: [PlatformProbeModule],
  application: (settings) => StandInApplicationModule.forRoot(settings),
};
