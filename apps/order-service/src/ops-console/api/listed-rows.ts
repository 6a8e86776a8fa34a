import { Inject, Injectable } from '@nestjs/common';
import type { BoardDoc, EtaViewReader } from '@ot/application';
import { ETA_VIEW_STORE } from '../../app.tokens';

/** The live forecast of an open order (the ETA view): its window is not in the log, so not on the board. */
export type Forecast = { expected: string; earliest: string; latest: string };
export type ListedRow = BoardDoc & { forecast?: Forecast };

/** Board rows as the list and the live stream show them: each open one with its current forecast and window. */
@Injectable()
export class ListedRows {
  constructor(@Inject(ETA_VIEW_STORE) private readonly eta: EtaViewReader) {}

  of(rows: readonly BoardDoc[]): Promise<ListedRow[]> {
    return Promise.all(
      rows.map(async (row) => {
        const view = row.open ? await this.eta.get(row.orderId) : undefined;
        return view ? { ...row, forecast: { expected: view.expected, earliest: view.window.earliest, latest: view.window.latest } } : row;
      }),
    );
  }
}
