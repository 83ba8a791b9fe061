import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, type HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator.js';
import { ProblemException } from '../problem-details.js';
import { HEALTH_SCHEMA } from '../openapi/health-schema.js';
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
    const indicator = this.indicators.check('projections');
    const statuses = await this.projections.status().catch(() => null);
    // Their lag is measured against the log's head: unknown while the store cannot be reached.
    if (statuses === null) return indicator.down({ message: 'Unknown while the event store cannot be reached.' });
    return indicator.up(
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
  @ApiOperation({
    operationId: 'health',
    summary: 'Readiness: the service is up and its event store is reachable and takes writes',
    description: 'For load balancers and probes; never cached. Each read model\'s checkpoint, lag and last failure are reported under `projections` (a lagging one is still ready); `eventStoreWritable` is down while the store\'s disk is full.',
  })
  @ApiOkResponse({ description: 'Ready.', schema: HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'Not ready.', content: problemContent })
  ready(): Promise<HealthCheckResult> {
    return this.check([() => this.eventStore.isReachable('eventStore'), () => this.eventStore.isWritable('eventStoreWritable'), () => this.projectionsStatus()]);
  }

  @Public()
  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ operationId: 'healthReady', summary: 'Readiness (same as /health), for probes that want an explicit path', description: 'The same checks and answer as GET /health.' })
  @ApiOkResponse({ description: 'Ready.', schema: HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'Not ready.', content: problemContent })
  readyAlias(): Promise<HealthCheckResult> {
    return this.ready();
  }

  @Public()
  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ operationId: 'healthLive', summary: 'Liveness: the process answers requests', description: 'Checks nothing but that the process answers: restart it when this fails.' })
  @ApiOkResponse({ description: 'Alive.', schema: HEALTH_SCHEMA })
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
