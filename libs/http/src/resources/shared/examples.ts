/*
 * The ids the document's examples use. They name nothing on a real server (ids are given out by
 * it): send the ids it answered. The examples walk (test/e2e/openapi.e2e.spec.ts) stands real ids
 * in for these and sends every example to a server.
 */
export const EXAMPLE_IDS = {
  /** The organisation that raised the example case. */
  complainant: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
  /** The organisation it is raised against. */
  respondent: '6f1c3a0e-2b7d-4e5f-8a9b-0c1d2e3f4a5b',
  person: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  case: '3c9e1f2a-7b6d-4c5e-9f8a-2b1c0d9e8f7a',
} as const;
