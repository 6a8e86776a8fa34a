import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Asset, assetDirOf } from '../http/source-assets';

export type { Asset } from '../http/source-assets';

const SOURCE_DIR = join('apps', 'order-service', 'src', 'customer-page', 'assets');
const FILES: Readonly<Record<string, string>> = {
  'customer-page.js': 'text/javascript; charset=utf-8',
  'customer-page.css': 'text/css; charset=utf-8',
};

/** The page's own files, read once at boot (no CDN, no framework). */
export function loadCustomerPageAssets(): ReadonlyMap<string, Asset> {
  const dir = assetDirOf(__dirname, SOURCE_DIR, 'customer-page.js');
  return new Map(Object.entries(FILES).map(([name, type]) => [name, { type, body: readFileSync(join(dir, name)) }]));
}
