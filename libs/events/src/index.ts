/*
 * How the engine's events are stored, for every part that writes or reads them (the application's
 * write side and queries, the projections, the report): stream names, the metadata every event
 * carries, and upcasting stored events to what the domain reads today.
 */
export * from './streams.js';
export * from './event-metadata.js';
export * from './upcasting.js';
export * from './recorded-events.js';
