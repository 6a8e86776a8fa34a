import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BoardDoc, EtaViewReader } from '@ot/application';
import { NOTIFIER_DEPS, type NotifierDeps } from '@ot/notifier';
import { ETA_VIEW_STORE } from '../../app.tokens';

/** The live forecast of an open order (the ETA view): its window is not in the log, so not on the board. */
export type Forecast = { expected: string; earliest: string; latest: string };
/** notificationsSent is null when this process runs no notifier (RUN_NOTIFIER=false): its log lives elsewhere. */
export type ListedRow = BoardDoc & { forecast?: Forecast; notificationsSent: number | null };

/** Board rows as the list and the live stream show them: each open one with its current forecast, each with its messages sent. */
@Injectable()
export class ListedRows {
  constructor(
    @Inject(ETA_VIEW_STORE) private readonly eta: EtaViewReader,
    @Optional() @Inject(NOTIFIER_DEPS) private readonly notifier?: NotifierDeps,
  ) {}

  async of(rows: readonly BoardDoc[]): Promise<ListedRow[]> {
    const sent = this.notifier ? await this.notifier.log.sentCountsByOrder(rows.map((r) => r.orderId)) : undefined;
    return Promise.all(
      rows.map(async (row) => {
        const notificationsSent = sent ? (sent.get(row.orderId) ?? 0) : null;
        const view = row.open ? await this.eta.get(row.orderId) : undefined;
        return view
          ? { ...row, notificationsSent, forecast: { expected: view.expected, earliest: view.window.earliest, latest: view.window.latest } }
          : { ...row, notificationsSent };
      }),
    );
  }
}
