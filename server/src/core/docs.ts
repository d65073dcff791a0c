import { renderSwaggerUIDist, type SwaggerExplorer, type SwaggerOptions } from '@midwayjs/swagger';
import { readdirSync } from 'fs';
import { dirname } from 'path';

type Rendered = { ext: string; content: unknown };

/**
 * Midway's Swagger UI renderer reads any name under the docs path from swagger-ui-dist's folder
 * and fails with a 500 when there is no such file. This one answers only for the files that
 * exist (and the document itself); anything else goes on to the router, which answers 404.
 */
export function docsRender(config: SwaggerOptions, explorer: SwaggerExplorer): (pathname: string) => Promise<Rendered | undefined> {
  const render = renderSwaggerUIDist(config, explorer);
  const files = new Set(
    readdirSync(dirname(require.resolve('swagger-ui-dist/package.json'))).filter(name => /\.(html|js|css|png|map)$/.test(name)),
  );
  const base = config.swaggerPath ?? '/swagger-ui';
  return async (pathname: string) => {
    if (!pathname.startsWith(`${base}/`)) return undefined;
    const name = pathname.slice(base.length + 1);
    if (name !== '' && name !== 'index.json' && !files.has(name)) return undefined;
    return render(pathname);
  };
}
