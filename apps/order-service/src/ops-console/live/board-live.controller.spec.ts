import type { MessageEvent } from '@nestjs/common';
import type { DelayBoardStore } from '@ot/application';
import { BoardLiveController } from './board-live.controller';

/** A board whose commits the test fires; a read is counted, and fails, as a closed or broken store's would. */
function board() {
  let listener: (ids: readonly string[]) => void = () => {};
  const reads: string[] = [];
  const store = {
    onCommit: (l: (ids: readonly string[]) => void) => ((listener = l), () => {}),
    get: async (id: string) => {
      reads.push(id);
      throw new Error('The database connection is not open');
    },
  } as unknown as DelayBoardStore;
  return { store, reads, commit: (ids: string[]) => listener(ids) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 600));

describe('the ops console live stream', () => {
  it('names the orders that changed, gathered, and reads nothing: each page re-reads only the rows it shows', async () => {
    const { store, reads, commit } = board();
    const seen: MessageEvent[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const subscription = new BoardLiveController(store).stream().subscribe((m) => seen.push(m));
    try {
      commit(['o-1', 'o-2']);
      commit(['o-2', 'o-3']);
      await flush();
      expect(seen).toEqual([{ type: 'changed', data: { ids: ['o-1', 'o-2', 'o-3'] } }]);
      await flush();
      expect(seen).toHaveLength(1); // nothing changed since: nothing sent
      expect(reads).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      subscription.unsubscribe();
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
