import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { EtaViewReader, OrderDocumentsReader, StatusViewReader, StoredStatusView } from '@ot/application';
import { type Milestone, TERMINAL } from '@ot/domain';
import { ETA_VIEW_STORE, ORDER_DOCUMENTS_READER, STATUS_VIEW_STORE } from '../app.tokens';

/**
 * Bump when the served bytes of a document change without its stream version changing (a change
 * to the status projection or to the rendering below, followed by a rebuild), so clients holding
 * an old tag are not answered 304 for a body they do not have.
 */
const RENDER_REVISION = 's2';

/**
 * Bound of the cache, counted as body length plus a per-entry cost. Measured with 100k entries
 * (bodies of ~680 characters, kept as strings): 1,013 B of heap per entry, body included, and
 * 1,380 B of RSS in all; so 1,000 B per entry beside the body is generous, and 192 MiB is ~120k
 * such orders (~170 MB RSS), above the polled working set of 100k.
 */
const MAX_BYTES = 192 * 1024 * 1024;
const ENTRY_OVERHEAD_BYTES = 1000;

/**
 * Everything GET /orders/:id needs for one order: whom to show it, its tag, its body. The body is
 * kept as the rendered string: no Buffer to size, allocate and fill per miss (docs/PERFORMANCE.md, session 6).
 */
export type ReadyResponse = Readonly<{
  customerId: string;
  etag: string;
  body: string;
  /** The body's length in UTF-8 bytes (its content-length), counted once per miss instead of per answer. */
  bytes: number;
}>;

type Entry = ReadyResponse & { hot: boolean };

/**
 * GET /orders/:id is polled far more often than an order changes, so per order this keeps the
 * ready response: the owner (access is still checked on every request), the ETag and the
 * rendered body. A hit is one Map lookup. The entry is dropped the moment either view store
 * commits a change to that order (onCommit, called before the commit resolves), so a GET after
 * a projection commit always renders the new documents. A miss reads both documents in one lookup,
 * as stored (no parse, no stringify).
 *
 * The ETag is derived from what the body is a pure function of: the document's stream version
 * (a document is a fold of its stream, so one version is one document) and the ETA as served
 * (hashed: the ETA is written by its own projection and may be re-forecast with the same
 * `updatedAt`). Equal tags mean byte-equal bodies (a strong ETag), and tags survive restarts.
 *
 * Bounded by bytes; eviction is FIFO with a second chance for entries read since they were last
 * passed over, so a hit never reorders the Map.
 */
@Injectable()
export class StatusResponseCache implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  /** Orders being loaded, each with the ticket of its latest load; a commit takes the ticket away. */
  private readonly loading = new Map<string, object>();
  private bytes = 0;
  private readonly unsubscribe: (() => void)[];

  constructor(
    @Inject(STATUS_VIEW_STORE) views: StatusViewReader,
    @Inject(ETA_VIEW_STORE) etas: EtaViewReader,
    @Inject(ORDER_DOCUMENTS_READER) private readonly documents: OrderDocumentsReader,
  ) {
    const drop = (orderIds: readonly string[]): void => {
      for (const id of orderIds) this.drop(id);
    };
    this.unsubscribe = [views.onCommit(drop), etas.onCommit(drop)];
  }

  /** The cached response, or undefined (then call load). */
  peek(orderId: string): ReadyResponse | undefined {
    const entry = this.entries.get(orderId);
    if (entry) entry.hot = true;
    return entry;
  }

  /**
   * Reads both documents and renders; undefined for an unknown order. Synchronous where the reader
   * is (SQLite): no commit can run between the read and the insert, and a miss costs no promise chain.
   */
  load(orderId: string): ReadyResponse | undefined | Promise<ReadyResponse | undefined> {
    if (!this.documents.readNow) return this.loadLater(orderId);
    const documents = this.documents.readNow(orderId);
    if (!documents) return undefined;
    const entry = render(documents.status, documents.etaJson ?? 'null');
    this.insert(orderId, entry);
    return entry;
  }

  private async loadLater(orderId: string): Promise<ReadyResponse | undefined> {
    const ticket = {};
    this.loading.set(orderId, ticket);
    try {
      const documents = await this.documents.read(orderId);
      if (!documents) return undefined;
      const entry = render(documents.status, documents.etaJson ?? 'null');
      // A commit to this order while we read took the ticket: serve what was read, keep nothing.
      if (this.loading.get(orderId) === ticket) this.insert(orderId, entry);
      return entry;
    } finally {
      if (this.loading.get(orderId) === ticket) this.loading.delete(orderId);
    }
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  private insert(orderId: string, entry: Entry): void {
    this.drop(orderId);
    this.entries.set(orderId, entry);
    this.bytes += sizeOf(entry);
    while (this.bytes > MAX_BYTES) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      if (entry.hot) {
        entry.hot = false;
        this.entries.set(oldest, entry); // read since last passed over: to the back of the queue
      } else {
        this.bytes -= sizeOf(entry);
      }
    }
  }

  private drop(orderId: string): void {
    this.loading.delete(orderId);
    const entry = this.entries.get(orderId);
    if (!entry) return;
    this.entries.delete(orderId);
    this.bytes -= sizeOf(entry);
  }
}

const sizeOf = (response: ReadyResponse): number => response.body.length + ENTRY_OVERHEAD_BYTES;

/** Most open orders have no ETA yet (or RUN_ETA is off): their fingerprint is computed once. */
const NULL_FINGERPRINT = fingerprint('null');

/** The entry as cached (one object per miss: the route serves the entry itself). */
function render(doc: StoredStatusView, stored: string): Entry {
  // The ETA projection drops a closed order's forecast a moment after the status projection closes
  // it: never serve a delivered (or canceled) order with a forecast.
  const etaJson = stored !== 'null' && TERMINAL.has(statusOf(doc.json)) ? 'null' : stored;
  const etaTag = etaJson === 'null' ? NULL_FINGERPRINT : fingerprint(etaJson);
  const body = `${doc.json.slice(0, -1)},"eta":${etaJson}}`;
  return { customerId: doc.customerId, etag: `"${RENDER_REVISION}-${doc.version}-${etaTag}"`, body, bytes: Buffer.byteLength(body), hot: false };
}

/** The document's top-level status without parsing it: a key inside a string value would be escaped (\"). */
function statusOf(json: string): Milestone {
  const at = json.indexOf('"status":"') + '"status":"'.length;
  return json.slice(at, json.indexOf('"', at)) as Milestone;
}

function fingerprint(etaJson: string): string {
  return createHash('sha256').update(etaJson).digest('base64url').slice(0, 22);
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored, "*" matches any. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header === etag) return true; // the usual single tag, echoed back
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
