import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Asset, assetDirOf } from '../../http/source-assets';

export type { Asset } from '../../http/source-assets';

const SOURCE_DIR = join('apps', 'order-service', 'src', 'ops-console', 'page', 'assets');

/** Everything /ops serves, read once at boot: our files and uPlot's, from its npm package (no CDN). */
export function loadConsoleAssets(): ReadonlyMap<string, Asset> {
  const dir = assetDirOf(__dirname, SOURCE_DIR, 'console.html');
  const files: [string, string, string][] = [
    ['console.html', join(dir, 'console.html'), 'text/html; charset=utf-8'],
    ['console.js', join(dir, 'console.js'), 'text/javascript; charset=utf-8'],
    ['console.css', join(dir, 'console.css'), 'text/css; charset=utf-8'],
    ['uPlot.iife.min.js', require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8'],
    ['uPlot.min.css', require.resolve('uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8'],
  ];
  return new Map(files.map(([name, path, type]) => [name, { type, body: readFileSync(path) }]));
}
