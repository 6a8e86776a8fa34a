import { createServer } from 'node:http';
import { exitWithParent, signalReady } from '../lib/child';

/**
 * The baseline: plain node:http, no framework, no storage.
 *   BARE_MODE=ingest: reads the whole body, JSON.parse, answers 202 with a small JSON.
 *   BARE_MODE=status: answers every request with the same JSON body of BARE_BODY_BYTES bytes.
 * Whatever the order service does on top of this is what the ratios price.
 */
const mode = process.env.BARE_MODE ?? 'ingest';
const size = Number(process.env.BARE_BODY_BYTES ?? 1000);
const constant = Buffer.from(JSON.stringify({ orderId: 'x', pad: 'p'.repeat(Math.max(0, size - 24)) }));

const server = createServer((req, res) => {
  if (mode === 'status') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': constant.length, etag: '"1"' });
    res.end(constant);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let parsed: { orderId?: string };
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const out = JSON.stringify({ orderId: parsed.orderId, outcome: 'appended' });
    res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  signalReady({ port: typeof address === 'object' && address ? address.port : 0, bytes: constant.length });
});
exitWithParent(() => new Promise<void>((r) => server.close(() => r())));
