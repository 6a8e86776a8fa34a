import { Controller, Inject, type MessageEvent, type OnModuleDestroy, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DelayBoardStore } from '@ot/application';
import { Observable, type Subscriber } from 'rxjs';
import { DELAY_BOARD_STORE } from '../../app.tokens';
import { OpsConsoleAuth } from '../session/ops-console.auth';

/** Changes are gathered this long and sent as one message: a replay commits hundreds of batches a second. */
const FLUSH_MS = 250;

/**
 * Server-Sent Events: the ids of the orders every board commit changed (event `changed`), so open pages
 * re-read the rows they show (`GET /ops/api/orders?ids=`) and new scans and delay states appear without a
 * reload. Only ids: a page shows at most a page of rows, and a replay changes thousands of orders a second.
 * Open streams are ended at shutdown: a page left open would otherwise hold the HTTP server's close forever.
 */
@ApiTags('ops console')
@Controller('ops/api')
@OpsConsoleAuth()
export class BoardLiveController implements OnModuleDestroy {
  private readonly open = new Set<Subscriber<MessageEvent>>();

  constructor(@Inject(DELAY_BOARD_STORE) private readonly board: DelayBoardStore) {}

  onModuleDestroy(): void {
    for (const subscriber of this.open) subscriber.complete();
  }

  @Sse('stream')
  @ApiOperation({ summary: 'The ids of the orders the board changed, as server-sent events' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'event "changed": { ids: string[] } for every 250 ms in which orders changed' })
  stream(): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      this.open.add(subscriber);
      const pending = new Set<string>();
      const stop = this.board.onCommit((ids) => ids.forEach((id) => pending.add(id)));
      const timer = setInterval(() => {
        if (pending.size === 0) return;
        const ids = [...pending];
        pending.clear();
        subscriber.next({ type: 'changed', data: { ids } });
      }, FLUSH_MS);
      return () => {
        this.open.delete(subscriber);
        stop();
        clearInterval(timer);
      };
    });
  }
}
