export * from './web-paths.js';
export * from './web-assets.js';
export * from './page-security.js';
export * from './nunjucks-environment.js';
export * from './charts/bar-chart.js';
export * from './report/annual-report-page.js';
export * from './report/report-formats.js';
