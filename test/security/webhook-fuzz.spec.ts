import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@ot/application';
import { SIGNATURE_HEADER, signedHeaders, signWebhook, TIMESTAMP_HEADER } from '@ot/partners';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { EVENT_STORE } from '../../apps/order-service/src/app.tokens';
import { courier, newOrderId, orderPlaced, pickupPoint, warehouse } from '../e2e/support/payloads';
import { SECRETS, startTestApp, type TestApp, tokenFor } from '../e2e/support/test-app';
import { expectProblem } from './support/security.support';
import {
  futureEvent,
  hugePlaced,
  oddString,
  percentEncoded,
  rawBody,
  reusedEventId,
  type SignatureFault,
  signatureFault,
  unreadableId,
  wrongTypePlaced,
} from './support/webhook.arbitraries';
import { eventually, privateDataEnv } from '@ot/testing';
import { isValidId } from '@ot/domain';

/**
 * Bad input gets a clear 4xx problem and harms nothing: property runs against the embedded app on
 * its default SQLite store (where encoding oddities would show), checking after every case that
 * the log did not grow (invalid) or grew by exactly one event (accepted).
 */
const MACHINE_MADE = new Set(['DelayPredicted', 'PromiseBroken']);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const counts: Record<string, number> = {};

describe('webhook fuzz (fast-check, SQLite store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-fuzz-'));
  let t: TestApp;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'sqlite', ...privateDataEnv(dir) });
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(
      `webhook fuzz: ${Object.entries(counts)
        .map(([k, n]) => `${k}=${n}`)
        .join(', ')}; total ${Object.values(counts).reduce((a, b) => a + b, 0)} cases, 0 5xx`,
    );
  });

  const lastPosition = async (): Promise<number> => {
    let last = 0;
    for (let page = await store.readAll(0, 10_000); page.length; page = await store.readAll(last, 10_000)) last = page[page.length - 1].globalPosition;
    return last;
  };
  /** Events a webhook made (the delay reactor appends its own, on its own schedule, between our cases). */
  const webhookEventsAfter = async (position: number) => (await store.readAll(position, 50)).filter((e) => !MACHINE_MADE.has(e.type));
  /** Runs one request and checks the 4xx problem and that the event log did not change. */
  const rejected = async (send: () => Promise<LightMyRequestResponse>, status?: number): Promise<Record<string, unknown>> => {
    const before = await lastPosition();
    const res = await send();
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const body = expectProblem(res, status ?? res.statusCode);
    expect(await webhookEventsAfter(before)).toEqual([]);
    return body;
  };
  const property = async <T>(name: string, arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>, runs = RUNS) => {
    await fc.assert(
      fc.asyncProperty(arb, async (value) => {
        counts[name] = (counts[name] ?? 0) + 1;
        await check(value);
      }),
      { numRuns: runs, interruptAfterTimeLimit: 20_000 },
    );
    expect(counts[name]).toBeGreaterThanOrEqual(Math.min(runs, 50)); // the time limit must not hollow the property out
    expect((await t.webhook('warehouse', orderPlaced(newOrderId()))).statusCode).toBe(202); // still answering
  };

  it('bodies that are not a valid payload (text, wrong JSON, truncated, lone surrogates): 400', () =>
    property('raw-body', rawBody, async (raw) => void (await rejected(() => t.post('/webhooks/warehouse', raw, 'warehouse'), 400))));

  it('one field of the wrong type or missing: 400 naming the field', () =>
    property('wrong-type', wrongTypePlaced, async (body) => {
      const problem = await rejected(() => t.webhook('warehouse', body), 400);
      expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]));
    }));

  it('oversized ids, strings and arrays: 400 or 413', () =>
    property('huge', hugePlaced, async (body) => void expect([400, 413]).toContain((await rejected(() => t.webhook('warehouse', body))).status), 60));

  it('signature faults (wrong secret, missing, malformed, future/past, tampered, sent twice): 401', () =>
    property('signature', signatureFault, async ({ fault, skewSeconds, noise }) => {
      const raw = JSON.stringify(orderPlaced(newOrderId()));
      const problem = await rejected(
        () =>
          t.app.inject({
            method: 'POST',
            url: '/webhooks/warehouse',
            payload: fault === 'tampered' ? raw.replace('"itemCount":1', `"itemCount":2`) : raw,
            headers: faultyHeaders(fault, raw, skewSeconds, noise),
          }),
        401,
      );
      expect(EXPECTED_REASONS[fault]).toContain(problem.reason);
    }));

  it('unknown partners: 401 (or 404 for a path that is no route), never a hint of a secret', () =>
    property(
      'unknown-partner',
      fc.string16bits({ minLength: 1, maxLength: 30 }).filter((p) => !(p in SECRETS)),
      async (partner) => {
        const problem = await rejected(() => t.post(`/webhooks/${percentEncoded(partner)}`, orderPlaced(newOrderId()), 'warehouse'));
        expect([401, 404]).toContain(problem.status);
      },
    ));

  it('events for unknown orders, from every partner: 404', () =>
    property(
      'unknown-order',
      fc.constantFrom('warehouse', 'courier', 'pickup-point'),
      async (partner) => {
        const id = newOrderId();
        const body = {
          warehouse: warehouse(id, 'order.packed', '2026-01-02T10:00:00Z'),
          courier: courier(id, 'PICKED_UP', '2026-01-02T10:00:00Z'),
          'pickup-point': pickupPoint(id, 'picked_up', '2026-01-02T10:00:00Z'),
        }[partner];
        await rejected(() => t.webhook(partner as 'courier', body), 404);
      },
      100,
    ));

  it('illegal transitions after delivery: 409 naming from and to', () =>
    property(
      'illegal-transition',
      fc.constantFrom<[string, (id: string) => unknown]>(
        ['courier', (id) => courier(id, 'IN_TRANSIT', '2026-01-06T10:00:00Z', { location: { city: 'Campinas' } })],
        ['courier', (id) => courier(id, 'PICKED_UP', '2026-01-06T10:00:00Z')],
        ['warehouse', (id) => warehouse(id, 'order.canceled', '2026-01-06T10:00:00Z')],
        ['warehouse', (id) => warehouse(id, 'order.packed', '2026-01-06T10:00:00Z')],
      ),
      async ([partner, make]) => {
        const id = newOrderId();
        expect((await t.webhook('warehouse', orderPlaced(id))).statusCode).toBe(202);
        expect((await t.webhook('courier', courier(id, 'DELIVERED', '2026-01-05T10:00:00Z'))).statusCode).toBe(202);
        const problem = await rejected(() => t.webhook(partner as 'courier', make(id)), 409);
        expect(problem).toMatchObject({ from: 'Delivered' });
      },
      60,
    ));

  it('odd unicode in ids: accepted exactly once (replays are duplicates) or rejected whole; the id round-trips', () =>
    property(
      'unicode-ids',
      fc.record({ oddOrder: oddString, oddEvent: oddString, customerId: oddString, replays: fc.integer({ min: 1, max: 3 }) }),
      async ({ oddOrder, oddEvent, customerId, replays }) => {
        // a fresh prefix per run (also while shrinking), so runs never collide on an id
        const [orderId, eventId] = [`${newOrderId()}${oddOrder}`, `${newOrderId()}${oddEvent}`];
        const before = await lastPosition();
        const raw = JSON.stringify({ ...orderPlaced(orderId, customerId), eventId });
        const first = await t.post('/webhooks/warehouse', raw, 'warehouse');
        if (first.statusCode !== 202) return void expect(await rejected(async () => first)).toBeDefined();
        for (let i = 0; i < replays; i++) {
          const again = await t.post('/webhooks/warehouse', raw, 'warehouse'); // a replay within the window
          expect({ status: again.statusCode, body: again.json() }).toEqual({ status: 200, body: { orderId, outcome: 'duplicate', streamVersion: 1 } });
        }
        const added = await webhookEventsAfter(before);
        expect(added.map((e) => [e.streamId, e.type])).toEqual([[`order-${orderId}`, 'OrderPlaced']]);
        expect([orderId, eventId, customerId].every(isValidId)).toBe(true); // the domain's id rule is what decided
        await eventually(async () => {
          const read = await t.getOrder(orderId, tokenFor('ops-1', 'ops'));
          expect({ status: read.statusCode, orderId: read.json().orderId, customerId: read.json().customerId }).toEqual({ status: 200, orderId, customerId });
        });
        expect((await t.getOrder('no-such-order', tokenFor('ops-1', 'ops'))).statusCode).toBe(404);
      },
      200,
    ));

  it('ids with a control, bidi or format character, or only blanks, in any id field of any partner: 400 naming that field', () =>
    property('unreadable-id', unreadableId, async ({ partner, field, body }) => {
      const problem = await rejected(() => t.webhook(partner, body), 400);
      expect(problem.errors).toEqual([expect.objectContaining({ field })]);
    }));

  it('event times past the allowed skew, up to year 9999: 400 naming the time field', () =>
    property(
      'future-event',
      futureEvent(86_400_000),
      async ({ partner, field, body }) => {
        const problem = await rejected(() => t.webhook(partner, body), 400);
        expect(problem.errors).toEqual([expect.objectContaining({ field })]);
      },
      100,
    ));

  it('a reused event id with other facts: 409 duplicate-event-id-conflict, and the original still answers 200 duplicate', () =>
    property(
      'reused-event-id',
      reusedEventId,
      async ([_label, reuse]) => {
        const placed = orderPlaced(newOrderId());
        expect((await t.webhook('warehouse', placed)).statusCode).toBe(202);
        const problem = await rejected(() => t.webhook('warehouse', reuse(placed)), 409);
        expect(problem.type).toMatch(/\/duplicate-event-id-conflict$/);
        const again = await t.webhook('warehouse', placed);
        expect({ status: again.statusCode, body: again.json() }).toEqual({
          status: 200,
          body: { orderId: placed.orderId, outcome: 'duplicate', streamVersion: 1 },
        });
      },
      100,
    ));
});

/** A header sent twice arrives joined ("a, b") through some stacks, as an array through others. */
const EXPECTED_REASONS: Record<SignatureFault, string[]> = {
  'wrong-secret': ['mismatch'],
  'no-signature': ['missing'],
  'no-timestamp': ['missing'],
  'malformed-signature': ['malformed'],
  future: ['stale'],
  past: ['stale'],
  tampered: ['mismatch'],
  twice: ['missing', 'malformed'],
};

function faultyHeaders(fault: SignatureFault, raw: string, skewSeconds: number, noise: string): Record<string, string | string[]> {
  const now = Math.floor(Date.now() / 1000);
  const good = signedHeaders(SECRETS.warehouse, raw, now);
  const at = (ts: number) => ({ ...good, [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signWebhook(SECRETS.warehouse, ts, raw) });
  switch (fault) {
    case 'wrong-secret':
      return signedHeaders(`${SECRETS.courier}${noise}`, raw, now);
    case 'no-signature': {
      const { [SIGNATURE_HEADER]: _, ...rest } = good;
      return rest;
    }
    case 'no-timestamp': {
      const { [TIMESTAMP_HEADER]: _, ...rest } = good;
      return rest;
    }
    case 'malformed-signature':
      return { ...good, [SIGNATURE_HEADER]: `sha256=${percentEncoded(noise)}zz` };
    case 'future':
      return at(now + skewSeconds);
    case 'past':
      return at(Math.max(0, now - skewSeconds));
    case 'tampered':
      return good;
    case 'twice':
      return { ...good, [SIGNATURE_HEADER]: [good[SIGNATURE_HEADER], good[SIGNATURE_HEADER]] };
  }
}
