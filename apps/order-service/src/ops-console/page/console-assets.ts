import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Asset = { type: string; body: Buffer };

const SOURCE_DIR = join('apps', 'order-service', 'src', 'ops-console', 'page', 'assets');

/**
 * The page's own files sit beside this one in the sources (assets/); a build (tsc) copies no
 * non-TS files, so from dist/ they are read from the sources of the checkout dist/ sits in.
 */
function assetDir(): string {
  if (existsSync(join(__dirname, 'assets', 'console.html'))) return join(__dirname, 'assets');
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, SOURCE_DIR, 'console.html'))) return join(dir, SOURCE_DIR);
  }
  throw new Error(`ops console assets not found beside ${__dirname} nor in ${SOURCE_DIR} above it`);
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
