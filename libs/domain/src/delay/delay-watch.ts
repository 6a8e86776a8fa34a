import type { DelayReason, PredictedDelayCause } from '../order/order.events';
import type { CalendarDate } from '../shared/event';

/** What the delay rules need to remember about one open order between evaluations. */
export type DelayWatch = Readonly<{
  orderId: string;
  promisedBy: CalendarDate;
  delayActive: boolean;
  promiseBroken: boolean;
  /** The expected day customers were last told (first forecast, then each delay or EtaRevised). */
  announcedExpected?: CalendarDate;
  /** The active delay's announced date and cause: the shown forecast never goes before it. */
  delayExpected?: CalendarDate;
  delayReason?: PredictedDelayCause;
  /** A partner's own delay report not yet overtaken by a newer scan: the alert stays until the parcel moves. */
  partnerDelay?: DelayReason;
  /** No partner news since the active delay was raised: an alert for silence stays until the parcel is heard of. */
  silentSinceDelay?: boolean;
}>;

export type DelayRulesConfig = Readonly<{
  timeZone: string;
  /**
   * Hysteresis: an alert raised when the forecast passes the promise is cleared only once the
   * forecast is back at least this many days before it, so a forecast hovering on the promise
   * day does not raise and clear an alert every day.
   */
  clearMarginDays: number;
}>;

export const DEFAULT_DELAY_RULES: DelayRulesConfig = { timeZone: 'America/Sao_Paulo', clearMarginDays: 1 };
