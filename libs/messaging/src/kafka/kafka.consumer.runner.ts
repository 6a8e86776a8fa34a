import type { BatchHandler, BusSubscription, ReceivedMessage } from '@ot/application';
import type { Consumer, EachBatchPayload } from 'kafkajs';

/**
 * Runs one consumer-group member on kafkajs `eachBatch`. A fetched partition batch goes to the handler
 * in slices of at most maxBatch messages; a slice's offsets are committed by hand, only after the
 * handler resolved: a crash in between redelivers the whole slice (at-least-once), never skips it.
 * stop() abandons an in-flight handler instead of waiting for it - kafkajs would otherwise wait forever
 * on a handler that hangs, and a dying process does not wait either.
 */
export async function runConsumer<V>(
  consumer: Consumer,
  topic: string,
  handler: BatchHandler<V>,
  options: { partitionsConsumedConcurrently: number; redeliveryDelayMs: number; maxBatch: number },
): Promise<BusSubscription> {
  let stopping = false;
  let abandon = (): void => undefined;
  const stopped = new Promise<'stopped'>((resolve) => (abandon = () => resolve('stopped')));

  const eachBatch = async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) => {
    const received: ReceivedMessage<V>[] = batch.messages.map((message) => ({
      key: message.key?.toString('utf8') ?? '',
      value: JSON.parse(message.value?.toString('utf8') ?? 'null') as V,
      partition: batch.partition,
      offset: message.offset,
    }));
    for (let from = 0; from < received.length; from += options.maxBatch) {
      if (stopping || !isRunning() || isStale()) return;
      const slice = received.slice(from, from + options.maxBatch);
      for (;;) {
        const outcome = await Promise.race([
          handler(slice).then(
            () => 'done' as const,
            (error: unknown) => error,
          ),
          stopped,
        ]);
        if (outcome === 'stopped') return;
        if (outcome === 'done') break;
        // The handler failed: the same slice again after a pause, still in order, offsets untouched.
        await Promise.race([new Promise((r) => setTimeout(r, options.redeliveryDelayMs)), stopped]);
        if (stopping || !isRunning()) return;
        await heartbeat();
      }
      if (stopping) return; // resolved just as we were told to stop: leave it to the next owner
      const last = slice[slice.length - 1].offset;
      resolveOffset(last);
      const next = (BigInt(last) + BigInt(1)).toString();
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
