import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const HOOK = join(ROOT, 'scripts/swc-register.js');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;

/** Scripts that run another tool (its own --help) or only other scripts; every other one runs code of ours. */
const TOOLS = new Set(['build', 'test', 'typecheck', 'lint', 'lint:fix', 'format', 'depcruise']);

/** The file a script runs, as its source: `node dist/<x>.js` is `<x>.ts`, the swc hook runs the .ts itself, bash its .sh. */
function entryOf(script: string): string {
  const m = /(?:node (?:-r \S+ )?|bash )(?:dist\/)?(\S+?)(?:\.js|\.ts|\.sh)?(?:$|\s|;)/.exec(script.split('&&').pop()!.split(';').pop()!.trim());
  if (!m) throw new Error(`no entry in "${script}"`);
  const kind = script.includes('bash ') ? 'sh' : 'ts';
  return `${m[1]}.${kind}`;
}

/**
 * Runs a script's entry as `npm run <name> -- <args>` would, in an empty directory with nothing but PATH and a
 * port of its own, so a command that ignored the question and started would write nowhere that matters.
 */
function run(entry: string, args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'ot-help-'));
  try {
    const [cmd, argv] = entry.endsWith('.sh') ? ['bash', [join(ROOT, entry)]] : [process.execPath, ['-r', HOOK, join(ROOT, entry)]];
    return spawnSync(cmd, [...argv, ...args], {
      cwd,
      encoding: 'utf8',
      // a Kafka script that ignored the question would look in (and stop, start or fetch into) this empty directory only
      env: { PATH: process.env.PATH, PORT: '3193', NOTIFIER_PORT: '3194', KAFKA_LIBS_DIR: cwd, KAFKA_RUN_DIR: cwd },
      timeout: 30_000,
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const ours = Object.entries(scripts).filter(([name]) => !TOOLS.has(name));

describe('every npm script of ours answers --help', () => {
  it('knows where each script starts', () => {
    expect(ours.map(([name, script]) => [name, entryOf(script)])).toContainEqual(['start', 'apps/order-service/src/main.ts']);
    expect(ours.map(([name, script]) => [name, entryOf(script)])).toContainEqual(['kafka:stop', 'scripts/kafka/stop.sh']);
  });

  it.each(ours)('npm run %s -- --help prints its usage on stderr and exits 2, before doing anything', (name, script) => {
    const entry = entryOf(script);
    for (const flag of ['--help', '-h']) {
      const result = run(entry, [flag]);
      expect({ flag, status: result.status, signal: result.signal }).toEqual({ flag, status: 2, signal: null }); // not started, not a crash
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^usage: (npm run -s |npm run |npm )${name.replace(':', '\\:')}`, 'm'));
      expect(result.stderr).not.toMatch(/\n\s+at |configuration/i); // no stack, no configuration error
    }
  });
});
