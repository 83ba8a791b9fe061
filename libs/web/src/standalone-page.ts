import { webAssets } from './web-assets.js';

/**
 * A page to keep as a file (an exported case timeline): its stylesheets written into it, so that it
 * reads and prints the same opened from disk, with no server to fetch /assets/ from.
 */
export function standalonePage(html: string): string {
  let page = html;
  for (const asset of webAssets().values()) {
    if (!asset.contentType.startsWith('text/css')) continue;
    const link = new RegExp(`<link rel="stylesheet" href="${asset.url.replace(/[.?]/g, '\\$&')}"( media="([a-z]+)")?>`);
    page = page.replace(link, (_whole, _attribute: string | undefined, media: string | undefined) => `<style${media ? ` media="${media}"` : ''}>${asset.body.toString('utf8')}</style>`);
  }
  return page;
}
