import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * One LISTEN connection per store, opened on the first subscription, that wakes the subscriptions
 * when any process commits an append. Best effort: if it drops, polling still delivers, and the
 * next subscription reconnects.
 */
export class PostgresListener {
  private client: Client | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly wakeAll: () => void,
  ) {}

  ensureListening(): void {
    if (this.client) return;
    const client = new Client({ connectionString: this.connectionString });
    this.client = client;
    const drop = (error: unknown): void => {
      if (this.client === client) this.client = null;
      new Logger('PostgresEventStore').warn(`LISTEN ${this.channel} lost, falling back to polling: ${String(error)}`);
      void client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('notification', () => this.wakeAll());
    client
      .connect()
      .then(() => client.query(`LISTEN "${this.channel}"`))
      .catch(drop);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
