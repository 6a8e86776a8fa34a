import { spawnSync } from 'node:child_process';

/**
 * jest collects describe() blocks synchronously, so "is the server there?" must be answered before
 * any await. A short-lived child node answers it with a hard timeout, so a dead host cannot hang
 * the suite. Returns null when reachable, else the reason to print with the skip.
 */
export function probeSync(script: string, timeoutMs = 5000): string | null {
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: timeoutMs, cwd: process.cwd() });
  if (result.error) return result.error.message;
  if (result.status === 0) return null;
  return (result.stderr || result.stdout || `probe exited with ${result.status ?? result.signal}`).trim().split('\n')[0];
}

export const postgresProbe = (connectionString: string): string =>
  `const { Client } = require('pg');
   const c = new Client({ connectionString: ${JSON.stringify(connectionString)}, connectionTimeoutMillis: 3000 });
   c.connect().then(() => c.query('select 1')).then(() => c.end()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`;

/** Any answer on the Docker socket (even an error status) means an engine is there to start containers. */
export const dockerProbe = (socketPath: string): string =>
  `const s = require('net').connect(${JSON.stringify(socketPath)});
   s.setTimeout(1000, () => { console.error('no answer on ${socketPath}'); process.exit(1); });
   s.on('error', (e) => { console.error(e.message); process.exit(1); });
   s.on('connect', () => s.write('GET /_ping HTTP/1.0\\r\\n\\r\\n'));
   s.on('data', () => process.exit(0));`;

/** Any TCP answer on host:port (a broker, a server) counts as reachable. */
export const tcpProbe = (host: string, port: number): string =>
  `require('net').connect(${port}, ${JSON.stringify(host)})
     .on('connect', () => process.exit(0))
     .on('error', () => { console.error(${JSON.stringify(`nothing answers at ${host}:${port}`)}); process.exit(1); });`;

/** Describes with the real suite, or visibly skips it and says why. */
export function describeIfReachable(name: string, unreachableReason: string | null, body: () => void): void {
  if (unreachableReason === null) return body();
  // stderr directly: jest drops console output of suites whose tests are all skipped in multi-file runs.
  process.stderr.write(`SKIPPED ${name}: ${unreachableReason}\n`);
  describe.skip(`${name} (skipped: ${unreachableReason})`, () => it('needs a server', () => undefined));
}
