import { type SchemaObject } from '@nestjs/swagger';

/** One check's result, as @nestjs/terminus reports it (an indicator may add its own details). */
const CHECK: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['up', 'down'] } },
  additionalProperties: true,
};
const CHECKS: SchemaObject = { type: 'object', additionalProperties: CHECK, description: 'By check name: eventStore, projections.' };

/** What GET /health (and /health/ready, /health/live) answers when it is 200: terminus's HealthCheckResult. */
export const HEALTH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: { ...CHECKS, description: 'The checks that are up.' },
    error: { ...CHECKS, description: 'The checks that are down.' },
    details: { ...CHECKS, description: 'Every check.' },
  },
};
