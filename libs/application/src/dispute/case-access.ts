/**
 * Who may see a case, and its CDG-only material, is the domain's rule (case-visibility.ts): the
 * write path, the case queries and the projections all ask it.
 */
export { maySeeCase, maySeeCdgMaterial } from '#domain';
