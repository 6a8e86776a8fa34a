import type { MessageEvent } from '@nestjs/common';
import type { BoardDoc, DelayBoardStore } from '@ot/application';
import type { ListedRows } from '../api/listed-rows';
import { BoardLiveController } from './board-live.controller';

/** A board whose commits the test fires and whose reads fail, as a closed or broken store's would. */
function failingBoard() {
  let listener: (ids: readonly string[]) => void = () => {};
  const board = {
    onCommit: (l: (ids: readonly string[]) => void) => ((listener = l), () => {}),
    get: async (): Promise<BoardDoc | undefined> => {
      throw new Error('The database connection is not open');
    },
  } as unknown as DelayBoardStore;
  return { board, commit: (ids: string[]) => listener(ids) };
}

describe('the ops console live stream', () => {
  it('ends the page stream with the error when a read fails, and the process lives on (no unhandled rejection)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { board, commit } = failingBoard();
      const controller = new BoardLiveController(board, { of: async (rows: BoardDoc[]) => rows } as unknown as ListedRows);
      const seen: { next: MessageEvent[]; error?: unknown } = { next: [] };
      const subscription = controller.stream().subscribe({ next: (m) => seen.next.push(m), error: (e: unknown) => (seen.error = e) });
      commit(['o-1']);
      await new Promise((resolve) => setTimeout(resolve, 600));
      subscription.unsubscribe();
      expect(seen.next).toEqual([]);
      expect(String(seen.error)).toContain('The database connection is not open');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
