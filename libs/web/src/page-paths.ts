/**
 * Which requests are for the web pages, decided by the path alone (never by guessing from Accept):
 * `/` and every path whose first segment is one of these. The API owns every other path, and its
 * errors stay application/problem+json; a page's errors are friendly HTML pages. A test keeps the
 * two sets of routes apart (test/pages/page-routes.e2e.spec.ts).
 */
export const PAGE_SEGMENTS = ['sign-in', 'sign-out', 'cases', 'raise', 'directory', 'signatories', 'annual-report', 'integrity'] as const;

const SEGMENTS: ReadonlySet<string> = new Set(PAGE_SEGMENTS);

/** `url` as the request line has it (a query string is ignored). */
export function isPagePath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  if (path === '/' || path === '') return true;
  const first = path.split('/')[1] ?? '';
  return SEGMENTS.has(first);
}
