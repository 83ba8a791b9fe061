export * from './projection.js';
export * from './projection-runner.js';
export * from './read-model-file.js';
export * from './directory/directory.projection.js';
export * from './directory/directory.read-model.js';
export * from './read-models.js';
export * from './all-projections.js';
