import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, type HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator.js';
import { ProblemException } from '../problem-details.js';
import { problemContent } from '../openapi/problem-schema.js';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { ProjectionStatusSource } from './projection-status.js';

/** Liveness (the process answers) and readiness (and the event store answers); public, for probes. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(EventStoreHealthIndicator) private readonly eventStore: EventStoreHealthIndicator,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(ProjectionStatusSource) private readonly projections: ProjectionStatusSource,
  ) {}

  /**
   * Read models stay ready while they catch up, and while some streams are halted (the rest is
   * served): their lag, last failure and halted streams (each with the event and the error) are
   * reported, not fatal.
   */
  private async projectionsStatus() {
    const statuses = await this.projections.status();
    return this.indicators.check('projections').up(
      Object.fromEntries(
        statuses.map((s) => [
          s.name,
          {
            checkpoint: Number(s.checkpoint),
            lag: Number(s.lag),
            failures: s.failures,
            lastFailure: s.lastFailure ? { ...s.lastFailure, position: Number(s.lastFailure.position) } : null,
            halted: { count: s.haltedStreamCount, streams: s.haltedStreams.map((h) => ({ ...h, position: Number(h.position) })) },
            rebuilding: s.rebuilding,
          },
        ]),
      ),
    );
  }

  @Public()
  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: the service is up and its event store is reachable and takes writes' })
  @ApiOkResponse({ description: 'Ready.' })
  @ApiServiceUnavailableResponse({ description: 'Not ready.', content: problemContent })
  ready(): Promise<HealthCheckResult> {
    return this.check([() => this.eventStore.isReachable('eventStore'), () => this.eventStore.isWritable('eventStoreWritable'), () => this.projectionsStatus()]);
  }

  @Public()
  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness (same as /health), for probes that want an explicit path' })
  @ApiOkResponse({ description: 'Ready.' })
  @ApiServiceUnavailableResponse({ description: 'Not ready.', content: problemContent })
  readyAlias(): Promise<HealthCheckResult> {
    return this.ready();
  }

  @Public()
  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: the process answers requests' })
  @ApiOkResponse({ description: 'Alive.' })
  live(): Promise<HealthCheckResult> {
    return this.check([]);
  }

  private async check(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw notReady(error.getResponse() as HealthCheckResult);
      throw error;
    }
  }
}

function notReady(result: HealthCheckResult): ProblemException {
  const down = Object.keys(result.error ?? {});
  const detail =
    result.status === 'shutting_down'
      ? 'The service is shutting down.'
      : `Not ready: ${down.length > 0 ? down.join(', ') : 'a check'} ${down.length === 1 ? 'is' : 'are'} down.`;
  return new ProblemException(503, {
    title: 'Service unavailable',
    detail,
    code: result.status === 'shutting_down' ? 'HEALTH.SHUTTING_DOWN' : 'HEALTH.NOT_READY',
    extensions: { health: result.status, checks: result.details },
    headers: { 'cache-control': 'no-cache, no-store, must-revalidate' },
  });
}
