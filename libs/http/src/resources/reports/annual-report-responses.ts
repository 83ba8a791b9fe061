import { type SchemaObject } from '@nestjs/swagger';

const VALUE: SchemaObject = {
  anyOf: [
    { type: 'number', nullable: true },
    { type: 'string', nullable: true },
  ],
  description: 'A number; text; "fewer than 3", "withheld" or "not shown" for a suppressed figure of the public edition; null where there is nothing to show.',
};

/** The report's JSON, as OpenAPI describes it (docs/annual-report.md says what each table counts). */
export const ANNUAL_REPORT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['report', 'year', 'period', 'edition', 'logPosition', 'lastEventAt', 'yearComplete', 'engineVersion', 'calendar', 'tables'],
  properties: {
    report: { type: 'string', enum: ['compact-annual-report'] },
    year: { type: 'integer', example: 2025 },
    period: {
      type: 'object',
      required: ['year', 'from', 'to', 'label'],
      properties: {
        year: { type: 'integer' },
        from: { type: 'string', format: 'date', example: '2025-04-01' },
        to: { type: 'string', format: 'date', example: '2026-03-31' },
        label: { type: 'string', example: '2025 to 2026' },
      },
    },
    edition: { type: 'string', enum: ['cdg', 'public'] },
    logPosition: { type: 'integer', format: 'int64', description: 'The global log position the figures reflect.' },
    lastEventAt: { type: 'string', format: 'date-time', nullable: true },
    yearComplete: { type: 'boolean', description: 'The log reaches past the end of the year: the figures are final.' },
    engineVersion: { type: 'string', example: '0.1.0' },
    calendar: { type: 'string', example: 'date-holidays@3.37.0 GB-ENG' },
    tables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'note', 'columns', 'rows'],
        properties: {
          id: { type: 'string', example: 'outcomes' },
          title: { type: 'string' },
          note: { type: 'string' },
          columns: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'label', 'unit'],
              properties: { key: { type: 'string' }, label: { type: 'string' }, unit: { type: 'string', enum: ['text', 'cases', 'count', 'percent', 'working days', 'change', 'date', 'row'] } },
            },
          },
          rows: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'cells'],
              properties: {
                key: { type: 'string' },
                total: { type: 'boolean' },
                unit: { type: 'string' },
                cells: { type: 'object', additionalProperties: VALUE },
              },
            },
          },
        },
      },
    },
  },
};
