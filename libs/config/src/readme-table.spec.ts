import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS } from './load-config';
import { ServiceConfig } from './service.config';

/** README.md's configuration table, as [variable, default cell] pairs. */
function documented(): Map<string, string> {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const table = section.slice(0, section.indexOf('\n## '));
  const rows = [...table.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)];
  return new Map(rows.map(([, key, cell]) => [key, cell.trim()]));
}

describe('README configuration table', () => {
  const table = documented();
  const defaults = new ServiceConfig() as unknown as Record<string, unknown>;

  it('documents every variable of the schema and nothing else', () => {
    expect([...table.keys()].sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it.each(CONFIG_KEYS.map((key) => [key]))('gives the default of %s as the schema has it', (key) => {
    const value = defaults[key];
    expect(table.get(key)).toBe(value === undefined ? '–' : `\`${String(value)}\``);
  });
});
