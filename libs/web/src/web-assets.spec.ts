import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSETS_DIR } from './web-paths.js';
import { assetUrl, webAssets } from './web-assets.js';

describe('the pages\' stylesheets', () => {
  it('are exactly what libs/web/sass compiles to (run npm run build:css after changing the Sass)', async () => {
    const { compileWebStyles } = await import('../scripts/compile-web-styles.mjs');
    for (const [file, css] of Object.entries(compileWebStyles())) expect({ file, css: readFileSync(join(ASSETS_DIR, file), 'utf8') === css }).toEqual({ file, css: true });
  }, 60_000);

  it('use GOV.UK Frontend on a system font stack: no GDS Transport and no font files', () => {
    const css = webAssets().get('compact.css')!.body.toString('utf8');
    expect(css).toContain('.govuk-table');
    expect(css).toContain('system-ui');
    expect(css).not.toContain('GDS Transport');
    expect(css).not.toContain('@font-face');
  });

  it('are linked by a URL that changes with their content', () => {
    const asset = webAssets().get('print.css')!;
    expect(assetUrl('print.css')).toBe(`/assets/print.css?v=${asset.hash}`);
    expect(asset.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(() => assetUrl('nothing.css')).toThrow('No web asset named nothing.css');
  });
});
