import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../openapi/problem-schema.js';
import { type Principal } from '#application';
import { ForbiddenError, UnauthenticatedError } from '#core';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Public } from '../auth/public.decorator.js';
import { PlatformMetrics } from './metrics.js';
import { METRICS_SCRAPER, METRICS_TOKEN, OpenedByMetricsToken } from './metrics-token.js';

/**
 * Prometheus scrape endpoint. It carries counts and timings by route pattern, no ids or personal
 * data; public unless METRICS_TOKEN is set, when it answers only to that bearer token.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(PlatformMetrics) private readonly metrics: PlatformMetrics,
    @Inject(METRICS_TOKEN) private readonly metricsToken: string | null,
  ) {}

  @Public()
  @OpenedByMetricsToken()
  @Get()
  @ApiOperation({
    operationId: 'metrics',
    summary: 'Prometheus metrics (text exposition format)',
    description: 'Request counts and timings by route pattern, command outcomes, event store latency, projection lag: no ids or personal data. Public by default. When the server is started with METRICS_TOKEN, only `Authorization: Bearer <METRICS_TOKEN>` is answered (401 without it, 403 with another token).',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Metrics in the Prometheus text format.', schema: { type: 'string' } })
  @ApiProblemResponses(403)
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@CurrentPrincipal() principal: Principal | null): Promise<string> {
    if (this.metricsToken !== null && principal !== METRICS_SCRAPER) {
      if (principal === null) throw new UnauthenticatedError('This server keeps /metrics for Authorization: Bearer <METRICS_TOKEN>.');
      throw new ForbiddenError('/metrics answers only to the METRICS_TOKEN on this server.', 'AUTH.METRICS_TOKEN_REQUIRED');
    }
    return this.metrics.registry.metrics();
  }
}
