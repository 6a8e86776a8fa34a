import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EtaView, StatusView } from '@ot/application';

export type RenderedStatus = { body: string; etag: string };

type Entry = RenderedStatus & { version: number; etaJson: string };

const MAX_ENTRIES = 10_000;

/**
 * GET /orders/:id is polled far more often than an order changes. Serialising the document and
 * hashing it per request would dominate the read path, so the bytes and their ETag are kept per
 * order and reused while the document version and the ETA are unchanged.
 */
@Injectable()
export class StatusResponseCache {
  private readonly entries = new Map<string, Entry>();

  render(doc: StatusView, eta: EtaView | null): RenderedStatus {
    const etaJson = JSON.stringify(eta); // small; the ETA moves independently of the document version
    const hit = this.entries.get(doc.orderId);
    if (hit && hit.version === doc.version && hit.etaJson === etaJson) return hit;
    const body = `${JSON.stringify(doc).slice(0, -1)},"eta":${etaJson}}`;
    // Strong ETag: a hash of exactly the bytes served, so equal tags mean byte-equal bodies.
    const entry = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"`, version: doc.version, etaJson };
    this.entries.delete(doc.orderId);
    this.entries.set(doc.orderId, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored, "*" matches any. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
