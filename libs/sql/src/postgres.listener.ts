import { Client } from 'pg';

/**
 * One LISTEN connection per channel, re-opened after a drop. Notifications sent while it was down
 * are lost, so a caller that must not miss any also polls, or treats `onReconnect` as "anything changed".
 */
export class PostgresListener {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onPayload: (payload: string) => void,
    private readonly onReconnect: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', (n) => n.channel === this.channel && n.payload !== undefined && this.onPayload(n.payload));
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    this.client = client;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private reconnect(dead: Client): void {
    if (this.client !== dead) return;
    this.client = undefined;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.start().then(this.onReconnect, () => this.scheduleRetry()), 500);
  }
}

/** Channel names are identifiers: one per schema and topic, within PostgreSQL's 63 bytes. */
export const channelName = (schema: string, topic: string): string => `ot_${topic}_${schema}`.slice(0, 63);
