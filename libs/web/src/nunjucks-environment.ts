import nunjucks from 'nunjucks';
import { assetUrl } from './web-assets.js';
import { GOVUK_FRONTEND_DIR, VIEWS_DIR } from './web-paths.js';

const numbers = new Intl.NumberFormat('en-GB');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-03-31 → 31 March 2026. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** A figure as a page shows it: grouped thousands, a unit where it helps, suppressed text as it is. */
export function formatFigure(value: unknown, unit?: string): string {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  if (unit === 'percent') return `${value.toFixed(1).replace(/\.0$/, '')}%`;
  return numbers.format(value);
}

/** A change as "+3", "−2", "no change"; percentages in points. */
export function formatChange(value: unknown, unit?: string): string {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  if (value === 0) return 'no change';
  const size = unit === 'percent' ? `${Math.abs(value).toFixed(1).replace(/\.0$/, '')} points` : numbers.format(Math.abs(value));
  return `${value > 0 ? '+' : '−'}${size}`;
}

let environment: nunjucks.Environment | undefined;

/**
 * The one Nunjucks environment of the web pages: our views first, then GOV.UK Frontend's macros
 * (`{% from "govuk/components/table/macro.njk" import govukTable %}`). Autoescaping is on; templates
 * are compiled once and kept.
 */
export function viewEnvironment(): nunjucks.Environment {
  if (environment) return environment;
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_FRONTEND_DIR], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('figure', formatFigure);
  env.addFilter('change', formatChange);
  env.addFilter('longDate', longDate);
  env.addGlobal('assetUrl', assetUrl);
  environment = env;
  return env;
}

/** Renders a page template with its view model. */
export function renderPage(template: string, model: object): string {
  return viewEnvironment().render(template, model);
}
