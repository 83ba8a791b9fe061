/** `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750); null for anything else. */
export function bearerTokenFrom(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header);
  return match?.[1] ?? null;
}
