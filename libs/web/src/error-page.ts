import { renderPage } from './nunjucks-environment.js';

/** An error as the platform's one exception filter worked it out (the same as its problem+json). */
export interface PageProblem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly code: string;
}

export interface PageErrorAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** In the words of a person using the pages, by status. */
const HEADINGS: Readonly<Record<number, string>> = {
  400: 'That could not be done',
  403: 'You cannot do that',
  404: 'Page not found',
  409: 'That cannot be done now',
  412: 'Someone else changed this case',
  413: 'That is too large',
  415: 'That form could not be read',
  429: 'Too many attempts',
  503: 'Sorry, the service is unavailable',
  507: 'Sorry, the service cannot save anything just now',
};

/**
 * What a page request gets instead of problem+json: a friendly HTML page with the status, never a
 * stack trace (a server fault says only that something went wrong, with the correlation id to
 * quote). Someone not signed in is sent to the sign-in page, which brings them back afterwards.
 */
export function pageErrorAnswer(problem: PageProblem, request: { readonly method: string; readonly url: string }, correlationId: string | undefined): PageErrorAnswer {
  if (problem.status === 401) {
    const next = request.method === 'GET' && request.url !== '/' ? `/?next=${encodeURIComponent(request.url.slice(0, 500))}` : '/';
    return { status: 303, headers: { location: next }, body: '' };
  }
  const serverFault = problem.status >= 500;
  const notFound = problem.status === 404;
  const body = renderPage('pages/error.njk', {
    pageTitle: HEADINGS[problem.status] ?? (serverFault ? 'Sorry, there is a problem with the service' : 'That could not be done'),
    status: problem.status,
    // A server fault's detail is never shown; a refusal's is the engine's own explanation.
    detail: serverFault || notFound ? null : problem.detail,
    notFound,
    serverFault,
    correlationId: correlationId ?? null,
  });
  return { status: problem.status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}
