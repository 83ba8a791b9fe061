import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { PlatformMetrics } from './metrics.js';

/**
 * Prometheus scrape endpoint. Public: it carries counts and timings by route pattern, no ids or
 * personal data; restrict it at the network edge if that matters where it runs.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(PlatformMetrics) private readonly metrics: PlatformMetrics) {}

  @Public()
  @Get()
  @ApiOperation({
    operationId: 'metrics',
    summary: 'Prometheus metrics (text exposition format)',
    description: 'Request counts and timings by route pattern, command outcomes, event store latency, projection lag: no ids or personal data.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Metrics in the Prometheus text format.', schema: { type: 'string' } })
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
