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
