import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the local outbox file a channel writes when no vendor is configured: what the customer receives. */
export type OutboxLine = { to: string; title: string; text: string; notificationId: string; kind: string; orderId: string; at: string };

export function outboxLines(dir: string, channel: 'push' | 'sms' | 'email'): OutboxLine[] {
  const file = join(dir, `${channel}.jsonl`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutboxLine);
}
