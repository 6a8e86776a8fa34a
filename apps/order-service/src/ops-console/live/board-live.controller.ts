import { Controller, Inject, type MessageEvent, type OnModuleDestroy, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { BoardDoc, DelayBoardStore } from '@ot/application';
import { Observable, type Subscriber } from 'rxjs';
import { DELAY_BOARD_STORE } from '../../app.tokens';
import { ListedRows } from '../api/listed-rows';
import { OpsConsoleAuth } from '../session/ops-console.auth';

/** Changes are gathered this long and sent as one message: a replay commits hundreds of batches a second. */
const FLUSH_MS = 250;

/**
 * Server-Sent Events: every row the board commits is pushed to open pages (event `rows`), so new
 * scans and changed delay states appear without a reload. Open streams are ended at shutdown: a page
 * left open would otherwise hold the HTTP server's close (and the process) forever.
 */
@ApiTags('ops console')
@Controller('ops/api')
@OpsConsoleAuth()
export class BoardLiveController implements OnModuleDestroy {
  private readonly open = new Set<Subscriber<MessageEvent>>();

  constructor(
    @Inject(DELAY_BOARD_STORE) private readonly board: DelayBoardStore,
    private readonly listed: ListedRows,
  ) {}

  onModuleDestroy(): void {
    for (const subscriber of this.open) subscriber.complete();
  }

  @Sse('stream')
  @ApiOperation({ summary: "The board's changed rows as server-sent events" })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'event "rows": { rows: BoardRow[] } for every batch of changed orders' })
  stream(): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      this.open.add(subscriber);
      const pending = new Set<string>();
      const stop = this.board.onCommit((ids) => ids.forEach((id) => pending.add(id)));
      const timer = setInterval(() => {
        if (pending.size === 0) return;
        const ids = [...pending];
        pending.clear();
        // a failed read ends this page's stream (its EventSource reconnects); unhandled, it would stop the whole process
        Promise.all(ids.map((id) => this.board.get(id)))
          .then((rows) => this.listed.of(rows.filter((r): r is BoardDoc => r !== undefined)))
          .then(
            (rows) => subscriber.next({ type: 'rows', data: { rows } }),
            (error: unknown) => subscriber.error(error),
          );
      }, FLUSH_MS);
      return () => {
        this.open.delete(subscriber);
        stop();
        clearInterval(timer);
      };
    });
  }
}
