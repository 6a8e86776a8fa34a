import type { EtaView, EtaViewChanges, EtaViewStore } from '@ot/application';

/** For tests, the benchmark and a rebuild dry-run. Not durable. */
export class InMemoryEtaViewStore implements EtaViewStore {
  private readonly docs = new Map<string, EtaView>();
  private position = 0;

  async get(orderId: string): Promise<EtaView | undefined> {
    return this.docs.get(orderId);
  }

  async commit({ upserts, removals }: EtaViewChanges, checkpoint: number): Promise<void> {
    // the caller's objects are copied so a later change on its side cannot leak into the view
    for (const doc of upserts) this.docs.set(doc.orderId, structuredClone(doc));
    for (const id of removals) this.docs.delete(id);
    this.position = checkpoint;
  }

  async checkpoint(): Promise<number> {
    return this.position;
  }

  async all(): Promise<EtaView[]> {
    return [...this.docs.values()].sort((a, b) => a.orderId.localeCompare(b.orderId));
  }
}
