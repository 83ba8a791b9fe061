/** Evidence of up to 10 MB arrives base64-encoded inside JSON (4/3 larger), plus the other fields. */
export const BODY_LIMIT_BYTES = 15 * 1024 * 1024;
