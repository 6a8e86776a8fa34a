import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Asset = { type: string; body: Buffer };

/**
 * The page's own files sit beside this one in the sources (assets/); a build (tsc) copies no
 * non-TS files, so from dist they are read from the sources the dist was built from.
 */
function assetDir(): string {
  const candidates = [join(__dirname, 'assets'), join(__dirname, '../../../../../apps/order-service/src/ops-console/page/assets')];
  const found = candidates.find((dir) => existsSync(join(dir, 'console.html')));
  if (!found) throw new Error(`ops console assets not found in ${candidates.join(' or ')}`);
  return found;
}

/** Everything /ops serves, read once at boot: our files and uPlot's, from its npm package (no CDN). */
export function loadConsoleAssets(): ReadonlyMap<string, Asset> {
  const dir = assetDir();
  const files: [string, string, string][] = [
    ['console.html', join(dir, 'console.html'), 'text/html; charset=utf-8'],
    ['console.js', join(dir, 'console.js'), 'text/javascript; charset=utf-8'],
    ['console.css', join(dir, 'console.css'), 'text/css; charset=utf-8'],
    ['uPlot.iife.min.js', require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8'],
    ['uPlot.min.css', require.resolve('uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8'],
  ];
  return new Map(files.map(([name, path, type]) => [name, { type, body: readFileSync(path) }]));
}
