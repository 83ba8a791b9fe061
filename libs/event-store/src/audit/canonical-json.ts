import canonicalizePackage from 'canonicalize';

type Canonicalize = (value: unknown) => string | undefined;
/* The package is CommonJS typed as an ES default export: Node hands over the function itself. */
const canonicalize = (typeof canonicalizePackage === 'function' ? canonicalizePackage : (canonicalizePackage as { default: Canonicalize }).default) as Canonicalize;

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: sorted keys, no spacing, ES number forms. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('Only JSON values have a canonical form');
  return text;
}
