import { parseArgs } from 'node:util';

/**
 * How every command of ours (npm scripts, the built entry points, the bench) answers a question about
 * itself: the usage on stderr and exit 2, before any work, so `--help` never starts, stops or writes
 * anything. One helper for apps, scripts and bench alike.
 */

/** `--help` or `-h`: the usage on stderr and exit 2, before any work; a question is not a run. */
export function answerHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (argv.includes('--help') || argv.includes('-h')) exitWithUsage(usage);
}

/** A command configured by the environment only: any argument (`--help` included) is answered with the usage. */
export function refuseArguments(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (argv.length === 0) return;
  const asked = argv[0] === '--help' || argv[0] === '-h' ? '' : `takes no arguments, got: ${argv.join(' ')}\n`;
  exitWithUsage(`${asked}${usage}`);
}

/** The usage on stderr and exit 2, without a stack: also for a required option left out or a value not understood. */
export function exitWithUsage(usage: string): never {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

/** What a command's options parse to: strings, flags, or absent. */
export type CommandOptionValues = Record<string, string | boolean | undefined>;

/**
 * `node:util` parseArgs, strict: a mistyped option or a stray word is answered with its name and the usage
 * (exit 2), never ignored (a typo of --limit would replay the whole file). `--help` is answered first.
 */
export function parseCommandOptions(usage: string, argv: string[], options: Record<string, { type: 'string' | 'boolean' }>): CommandOptionValues {
  answerHelp(usage, argv);
  try {
    return parseArgs({ args: argv, options }).values;
  } catch (error) {
    exitWithUsage(`${(error as Error).message}\n${usage}`);
  }
}

/** An option that must be a whole number in [min, max], or absent; anything else is answered with the usage. */
export function wholeNumberOption(usage: string, values: CommandOptionValues, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const given = values[name];
  if (given === undefined) return undefined;
  const n = Number(given);
  if (typeof given !== 'string' || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `from ${min}` : `from ${min} to ${max}`;
    exitWithUsage(`--${name} must be a whole number ${range}, got ${String(given)}\n${usage}`);
  }
  return n;
}

/** An option that must be a finite number of at least min (fractions allowed), or absent; anything else is answered with the usage. */
export function numberOption(usage: string, values: CommandOptionValues, name: string, min: number): number | undefined {
  const given = values[name];
  if (given === undefined) return undefined;
  const n = Number(given);
  if (typeof given !== 'string' || given.trim() === '' || !Number.isFinite(n) || n < min) {
    exitWithUsage(`--${name} must be a number from ${min}, got ${String(given)}\n${usage}`);
  }
  return n;
}
