/*
 * Answers a test server gave outside its /docs-json, as response-conformance.ts records them, until
 * a test looks: api() after each request, the afterEach in response-conformance.setup.ts, and the
 * server's close(). Kept apart from the checker so that those load no schema machinery.
 */

const violations: string[] = [];

export function recordResponseViolations(found: readonly string[]): void {
  violations.push(...found);
}

/** The nonconforming answers recorded since the last call, and forgets them. */
export function takeResponseViolations(): string[] {
  return violations.splice(0, violations.length);
}

/** Throws one error naming every nonconforming answer recorded since the last check. */
export function throwOnResponseViolations(): void {
  const found = takeResponseViolations();
  if (found.length > 0) {
    throw new Error(`The server answered outside its OpenAPI document (/docs-json):\n- ${found.join('\n- ')}`);
  }
}
