import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { StatusView } from '@ot/application';

/**
 * Bump when the served bytes of a document change without its stream version changing (a change
 * to the status projection or to the rendering below, followed by a rebuild), so clients holding
 * an old tag are not answered 304 for a body they do not have.
 */
const RENDER_REVISION = 's1';

/** Bounds of the rendered-bytes cache: sized to a working set of ~100k polled orders. */
const MAX_ENTRIES = 200_000;
const MAX_BODY_CHARS = 160 * 1024 * 1024;

type Entry = { version: number; etaJson: string; etag: string; body: string | undefined };

/**
 * GET /orders/:id is polled far more often than an order changes, so per order this keeps the
 * ETag and (once a 200 needed it) the rendered bytes, reused while the document version and
 * the ETA are unchanged. One bounded LRU (a Map in recency order), by entries and body size.
 *
 * The ETag is derived from what the body is a pure function of, not from the body: the
 * document's stream version (a document is a fold of its stream, so one version is one
 * document) and the ETA as served (its JSON, hashed: the ETA is written by its own projection
 * and may be re-forecast with the same `updatedAt`). So If-None-Match is answered before
 * anything is rendered, and equal tags still mean byte-equal bodies (a strong ETag).
 */
@Injectable()
export class StatusResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bodyChars = 0;

  /** The ETag for this document with this ETA (`JSON.stringify(eta ?? null)`); renders nothing. */
  etag(doc: StatusView, etaJson: string): string {
    return this.entry(doc, etaJson).etag;
  }

  /** The bytes served for this document with this ETA, rendered at most once per (version, ETA). */
  body(doc: StatusView, etaJson: string): string {
    const entry = this.entry(doc, etaJson);
    if (entry.body === undefined) {
      entry.body = `${JSON.stringify(doc).slice(0, -1)},"eta":${etaJson}}`;
      this.bodyChars += entry.body.length;
      this.evict();
    }
    return entry.body;
  }

  private entry(doc: StatusView, etaJson: string): Entry {
    const hit = this.entries.get(doc.orderId);
    if (hit && hit.version === doc.version && hit.etaJson === etaJson) {
      this.entries.delete(doc.orderId); // mark recent
      this.entries.set(doc.orderId, hit);
      return hit;
    }
    if (hit) this.drop(doc.orderId, hit);
    const fingerprint = createHash('sha256').update(etaJson).digest('base64url').slice(0, 22);
    const entry: Entry = { version: doc.version, etaJson, etag: `"${RENDER_REVISION}-${doc.version}-${fingerprint}"`, body: undefined };
    this.entries.set(doc.orderId, entry);
    this.evict();
    return entry;
  }

  private evict(): void {
    while (this.entries.size > MAX_ENTRIES || this.bodyChars > MAX_BODY_CHARS) {
      const oldest = this.entries.keys().next().value as string;
      this.drop(oldest, this.entries.get(oldest)!);
    }
  }

  private drop(orderId: string, entry: Entry): void {
    this.entries.delete(orderId);
    if (entry.body !== undefined) this.bodyChars -= entry.body.length;
  }
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
