/** `--help` or `-h`: the usage on stderr and exit 2, before any work; a question is not a run. */
export function answerHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (argv.includes('--help') || argv.includes('-h')) exitWithUsage(usage);
}

/** The usage on stderr and exit 2, without a stack: also for a required option left out. */
export function exitWithUsage(usage: string): never {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
