import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type FastifyInstance } from 'fastify';

/**
 * Serves Swagger UI at /docs from the swagger-ui-dist copy that @nestjs/swagger depends on.
 * SwaggerModule's own UI needs @fastify/static, which we do not otherwise need; a handful of fixed
 * files does not justify it. The initializer is a file, not an inline script, so the page works
 * under a CSP without 'unsafe-inline' scripts.
 */
export function serveSwaggerUi(fastify: FastifyInstance, options: { readonly path: string; readonly documentUrl: string; readonly title: string }): void {
  const assetsDir = swaggerUiDistDir();
  const assets: Readonly<Record<string, string>> = {
    'swagger-ui.css': 'text/css; charset=utf-8',
    'index.css': 'text/css; charset=utf-8',
    'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
    'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
    'favicon-32x32.png': 'image/png',
    'favicon-16x16.png': 'image/png',
  };
  for (const [file, contentType] of Object.entries(assets)) {
    // Read once, lazily: the bundle is ~1.5 MB and most processes never serve it.
    let content: Buffer | undefined;
    fastify.get(`${options.path}/${file}`, (_request, reply) => {
      content ??= readFileSync(join(assetsDir, file));
      void reply.header('content-type', contentType).header('cache-control', 'public, max-age=3600').send(content);
    });
  }
  const initializer = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(options.documentUrl)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;
  fastify.get(`${options.path}/swagger-initializer.js`, (_request, reply) => {
    void reply.header('content-type', 'application/javascript; charset=utf-8').send(initializer);
  });
  const page = indexPage(options.path, options.title);
  fastify.get(options.path, (_request, reply) => {
    void reply.header('content-type', 'text/html; charset=utf-8').send(page);
  });
}

function indexPage(path: string, title: string): string {
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapedTitle}: API</title>
  <link rel="stylesheet" href="${path}/swagger-ui.css">
  <link rel="stylesheet" href="${path}/index.css">
  <link rel="icon" type="image/png" href="${path}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${path}/swagger-ui-bundle.js"></script>
  <script src="${path}/swagger-ui-standalone-preset.js"></script>
  <script src="${path}/swagger-initializer.js"></script>
</body>
</html>
`;
}

function swaggerUiDistDir(): string {
  const nestSwagger = createRequire(import.meta.url).resolve('@nestjs/swagger/package.json');
  return dirname(createRequire(nestSwagger).resolve('swagger-ui-dist/package.json'));
}
