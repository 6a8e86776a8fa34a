import { type EtaView, evolveStatusView, type RecordedEvent, type StatusView, type TimelineEntry } from '@ot/application';
import { instantOf, isPartnerEvent, type OrderEvent } from '@ot/domain';

export type EtaHistoryEntry = { at: string; type: string; expected: string; previous?: string; reason?: string };
export type SystemEntry = { at: string; type: string; data: Record<string, unknown> };

/** One order's story from its stream: the timeline (late scans marked), the system's conclusions, the ETA as it moved. */
export type OrderStory = {
  status?: StatusView['status'];
  promisedBy?: string;
  timeline: TimelineEntry[];
  systemEvents: SystemEntry[];
  etaHistory: EtaHistoryEntry[];
  /** The live forecast with its window, while the order is open. */
  currentEta?: EtaView;
  events: number;
};

/** The same fold as the status view, so a scan is "late" here exactly when it is late for the customer. */
export function orderStory(events: readonly RecordedEvent<OrderEvent>[], currentEta: EtaView | undefined): OrderStory {
  const view = events.reduce<StatusView | null>(evolveStatusView, null);
  const systemEvents: SystemEntry[] = [];
  const etaHistory: EtaHistoryEntry[] = [];
  for (const e of events) {
    if (isPartnerEvent(e)) continue;
    const at = instantOf(e);
    systemEvents.push({ at, type: e.type, data: e.data });
    if (e.type === 'DelayPredicted') etaHistory.push({ at, type: e.type, expected: e.data.newExpected, reason: e.data.reason });
    if (e.type === 'DelayCleared') etaHistory.push({ at, type: e.type, expected: e.data.newExpected });
    if (e.type === 'EtaRevised') etaHistory.push({ at, type: e.type, expected: e.data.newExpected, previous: e.data.previousExpected });
  }
  return { status: view?.status, promisedBy: view?.promisedBy, timeline: view?.timeline ?? [], systemEvents, etaHistory, currentEta, events: events.length };
}
