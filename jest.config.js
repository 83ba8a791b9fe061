// ESM mode: Nest 12 and @nestjs/cqrs ship ESM only. SWC keeps decorator metadata, which Nest's DI needs.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^#(core|config|domain|event-store|events|application|projections|http|reporting|web|audit)$': '<rootDir>/libs/$1/src/index.ts',
    '^#web-pages$': '<rootDir>/libs/web/src/pages/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/*.spec.ts'],
  // Every test server's answers are checked against its OpenAPI document (test/support/response-conformance.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/response-conformance.setup.ts', '<rootDir>/test/support/property-seed.setup.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
