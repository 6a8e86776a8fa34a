/**
 * One progress line on stderr (rewritten in place on a terminal, a line every few seconds in a
 * log), so stdout stays clean for results a caller parses.
 */
export class ProgressLine {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {}

  update(done: number, detail: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < (this.tty ? 200 : 5000)) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const eta = rate > 0 ? (this.total - done) / rate : 0;
    const pct = this.total ? Math.floor((100 * done) / this.total) : 100;
    const width = 20;
    const bar = '#'.repeat(Math.round((pct / 100) * width)).padEnd(width, '.');
    const line = `${this.label} [${bar}] ${pct}% ${done}/${this.total} events ${rate.toFixed(0)}/s ${detail} eta ${eta.toFixed(0)}s`;
    process.stderr.write(this.tty ? `\r${line}\x1b[K` : `${line}\n`);
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }

  elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }
}
