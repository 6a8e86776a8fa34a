import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '@ot/partners';

export type ReceivedCall = { path: string; body: Record<string, unknown>; deliveryId?: string; signature: string };

/**
 * A partner on loopback, as partners would run one: it verifies our signature with its secret (a bad
 * one is a 401 and is not recorded), records each call, and answers with the next scripted status (200 when none).
 */
export class PartnerSandbox {
  readonly calls: ReceivedCall[] = [];
  readonly rejected: string[] = [];
  private readonly script = new Map<string, number[]>();
  private server?: Server;

  constructor(private readonly secrets: Readonly<Record<string, string>>) {}

  async start(port: number): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const path = request.url ?? '/';
        const partner = path.split('/')[1];
        const header = (name: string) => request.headers[name] as string | undefined;
        const check = verifyWebhook(
          this.secrets[partner] ?? '',
          { signature: header(SIGNATURE_HEADER), timestamp: header(TIMESTAMP_HEADER) },
          raw,
          Math.floor(Date.now() / 1000),
        );
        if (!check.ok) {
          this.rejected.push(`${path}: ${check.reason}`);
          return void response.writeHead(401).end();
        }
        this.calls.push({ path, body: JSON.parse(raw.toString('utf8')), deliveryId: header('x-delivery-id'), signature: header(SIGNATURE_HEADER)! });
        const status = this.script.get(path)?.shift() ?? 200;
        response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next answers of `path`, in order (then 200 again). */
  answer(path: string, ...statuses: number[]): void {
    this.script.set(path, [...(this.script.get(path) ?? []), ...statuses]);
  }

  callsFor(actionId: string): ReceivedCall[] {
    return this.calls.filter((c) => c.body.actionId === actionId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
