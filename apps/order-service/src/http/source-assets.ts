import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file a page serves: its content type and bytes. */
export type Asset = { type: string; body: Buffer };

/**
 * A page's own files sit beside its controller in the sources (assets/); a build (tsc) copies no
 * non-TS files, so from dist/ they are read from the sources of the checkout dist/ sits in.
 */
export function assetDirOf(here: string, sourceDir: string, probe: string): string {
  if (existsSync(join(here, 'assets', probe))) return join(here, 'assets');
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, sourceDir, probe))) return join(dir, sourceDir);
  }
  throw new Error(`page assets not found beside ${here} nor in ${sourceDir} above it`);
}
