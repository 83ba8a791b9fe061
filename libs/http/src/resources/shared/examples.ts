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
  /** An organisation that is party to nothing (the one the directory examples act on). */
  organisation: '0e9d8c7b-6a5f-4e4d-9c3b-2a1f0e9d8c7b',
  person: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  /** A person the admin commands act on. */
  member: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  case: '3c9e1f2a-7b6d-4c5e-9f8a-2b1c0d9e8f7a',
  /** A piece of evidence on that case (its SHA-256). */
  evidence: '8d7403a5ccba6f6df58cf49e0eb65a382e146a651b86d0fed72268b4634ec6f0',
} as const;
