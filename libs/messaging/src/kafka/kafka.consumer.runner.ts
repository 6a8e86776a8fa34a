import type { BusSubscription, MessageHandler } from '@ot/application';
import type { Consumer, EachBatchPayload } from 'kafkajs';

/**
 * Runs one consumer-group member. Offsets are committed by hand, one message at a time, and only after
 * the handler resolved: a crash in between redelivers the message (at-least-once), never skips it.
 * stop() abandons an in-flight handler instead of waiting for it - kafkajs would otherwise wait forever
 * on a handler that hangs, and a dying process does not wait either.
 */
export async function runConsumer<V>(
  consumer: Consumer,
  topic: string,
  handler: MessageHandler<V>,
  options: { partitionsConsumedConcurrently: number; redeliveryDelayMs: number },
): Promise<BusSubscription> {
  let stopping = false;
  let abandon = (): void => undefined;
  const stopped = new Promise<'stopped'>((resolve) => (abandon = () => resolve('stopped')));

  const eachBatch = async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) => {
    for (const message of batch.messages) {
      if (stopping || !isRunning() || isStale()) return;
      const value = JSON.parse(message.value?.toString('utf8') ?? 'null') as V;
      const received = { key: message.key?.toString('utf8') ?? '', value, partition: batch.partition, offset: message.offset };
      for (;;) {
        const outcome = await Promise.race([
          handler(received).then(
            () => 'done' as const,
            (error: unknown) => error,
          ),
          stopped,
        ]);
        if (outcome === 'stopped') return;
        if (outcome === 'done') break;
        // The handler failed: same message again after a pause, still in order, offset untouched.
        await Promise.race([new Promise((r) => setTimeout(r, options.redeliveryDelayMs)), stopped]);
        if (stopping || !isRunning()) return;
        await heartbeat();
      }
      if (stopping) return; // resolved just as we were told to stop: leave it to the next owner
      resolveOffset(message.offset);
      const next = (BigInt(message.offset) + 1n).toString();
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition: batch.partition, offset: next }] }] });
      await heartbeat();
    }
  };

  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
    eachBatch,
  });
  return {
    stop: async () => {
      if (stopping) return;
      stopping = true;
      abandon();
      await consumer.disconnect();
    },
  };
}
