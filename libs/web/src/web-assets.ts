import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSETS_DIR } from './web-paths.js';

/** A static file the pages use, served from the package under /assets/. */
export interface WebAsset {
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** The first 16 hex digits of its SHA-256: its ETag and its version in the URL. */
  readonly hash: string;
  /** Where pages link to it: the hash in the query, so a new build is a new URL and the old one can be cached for good. */
  readonly url: string;
}

/**
 * The files /assets/ serves: exactly these, read once at start-up, so no request path ever reaches
 * the file system. The report needs the two stylesheets; later pages add their files here.
 */
const ASSET_FILES: readonly { name: string; contentType: string }[] = [
  { name: 'compact.css', contentType: 'text/css; charset=utf-8' },
  { name: 'print.css', contentType: 'text/css; charset=utf-8' },
];

let loaded: ReadonlyMap<string, WebAsset> | undefined;

export function webAssets(): ReadonlyMap<string, WebAsset> {
  loaded ??= new Map(
    ASSET_FILES.map(({ name, contentType }) => {
      const body = readFileSync(join(ASSETS_DIR, name));
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      return [name, { name, contentType, body, hash, url: `/assets/${name}?v=${hash}` }];
    }),
  );
  return loaded;
}

export function assetUrl(name: string): string {
  const asset = webAssets().get(name);
  if (!asset) throw new Error(`No web asset named ${name}`);
  return asset.url;
}
