import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outgoing } from '@ot/domain';
import { FileOutboxSender } from './file-outbox.sender';
import { OutboxKeys } from './outbox-keys';

const message = (notificationId: string, sentAt = '2026-01-02T12:00:00.000Z'): Outgoing => ({
  notificationId,
  orderId: notificationId.split(':')[0],
  kind: 'shipped',
  sentAt,
  channel: 'push',
  to: 'tok',
  title: 'T',
  text: 'hello',
});

const lines = (file: string): { notificationId: string; at: string }[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { notificationId: string; at: string })
    : [];

describe('FileOutboxSender honours the notification id as an idempotency key', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'outbox-')), 'push.jsonl');

  it('given two notifier hosts sending the same notification on one outbox, then it holds one line and notes the repeat', async () => {
    const path = file();
    const [host1, host2] = [new FileOutboxSender('push', path), new FileOutboxSender('push', path)];
    const first = await host1.send(message('o1:shipped:1'));
    const again = await host2.send(message('o1:shipped:1', '2026-01-02T12:01:00.000Z')); // re-claimed after the lease
    await host2.send(message('o2:shipped:2'));

    expect(again).toEqual(first);
    expect(lines(path).map((l) => l.notificationId)).toEqual(['o1:shipped:1', 'o2:shipped:2']);
    expect(lines(path)[0].at).toBe('2026-01-02T12:00:00.000Z'); // the accepted message, not the repeat
    expect(lines(`${path}.repeats.jsonl`).map((l) => l.notificationId)).toEqual(['o1:shipped:1']);
  });

  it('given a sender killed after the key was taken and before its line, then the repeat writes that line once', async () => {
    const path = file();
    const accepted = `${JSON.stringify({ providerMessageId: 'outbox:o1:shipped:1:push', at: '2026-01-02T12:00:00.000Z', ...message('o1:shipped:1') })}\n`;
    new OutboxKeys(`${path}.keys`).accept('o1:shipped:1', accepted); // ...and the process dies here

    await new FileOutboxSender('push', path).send(message('o1:shipped:1', '2026-01-02T12:01:00.000Z'));
    await new FileOutboxSender('push', path).send(message('o1:shipped:1', '2026-01-02T12:02:00.000Z'));

    expect(lines(path)).toEqual([expect.objectContaining({ notificationId: 'o1:shipped:1', at: '2026-01-02T12:00:00.000Z' })]);
  });

  it('given many sends of the same notifications at once, then each is written exactly once', async () => {
    const path = file();
    const hosts = Array.from({ length: 4 }, () => new FileOutboxSender('push', path));
    await Promise.all(hosts.flatMap((h) => Array.from({ length: 25 }, (_, i) => h.send(message(`o${i}:shipped:${i}`)))));
    expect(lines(path)).toHaveLength(25);
    expect(lines(`${path}.repeats.jsonl`)).toHaveLength(75);
  });
});
