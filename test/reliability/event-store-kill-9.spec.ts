import type { EventStore } from '@ot/application';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore, SqliteEventStore } from '@ot/event-store';
import { describeIfReachable, postgresProbe, probeSync } from '@ot/testing';

const hook = resolve(__dirname, '../../scripts/swc-register.js');
const child = resolve(__dirname, 'support/append-loop.child.ts');
const ACKS_BEFORE_KILL = 400;

type Ack = { streamId: string; version: number; position: number };

/** Runs the append loop in a child, SIGKILLs it once it has acknowledged enough appends, returns the acks. */
function appendThenKill(args: string[]): Promise<Ack[]> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['-r', hook, child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let buffered = '';
    let stderr = '';
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.stdout.on('data', (chunk) => {
      const lines = (buffered + chunk).split('\n');
      buffered = lines.pop() ?? ''; // a torn last line was not fully acknowledged to us: ignore it
      for (const line of lines) {
        const [streamId, version, position] = line.split(' ');
        acks.push({ streamId, version: Number(version), position: Number(position) });
      }
      if (acks.length >= ACKS_BEFORE_KILL) proc.kill('SIGKILL');
    });
    proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? done(acks) : fail(new Error(`child exited ${code}: ${stderr}`))));
  });
}

async function expectAllAcknowledgedStored(store: EventStore, acks: Ack[]): Promise<void> {
  expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  const stored = new Map<string, number>();
  for (let page = await store.readAll(0, 1000); page.length; page = await store.readAll(page[page.length - 1].globalPosition, 1000)) {
    page.forEach((e) => stored.set(`${e.streamId} ${e.streamVersion}`, e.globalPosition));
  }
  const lost = acks.filter((a) => stored.get(`${a.streamId} ${a.version}`) !== a.position);
  expect(lost).toEqual([]);
  for (const streamId of new Set(acks.map((a) => a.streamId))) {
    const { events } = await store.readStream(streamId);
    expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1)); // no torn batch, no hole
  }
}

describe('kill -9 durability: sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-kill9-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append after the writer is SIGKILLed', async () => {
    const path = join(dir, 'events.db');
    const acks = await appendThenKill(['sqlite', path]);
    const store = new SqliteEventStore({ path });
    await expectAllAcknowledgedStored(store, acks);
    await store.close();
  });
});

const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
describeIfReachable('kill -9 durability: postgres', probeSync(postgresProbe(connectionString)), () => {
  const schema = `es_kill9_${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    const client = new Client({ connectionString });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('keeps every acknowledged append after the writer is SIGKILLed', async () => {
    const acks = await appendThenKill(['postgres', connectionString, schema]);
    const store = await PostgresEventStore.connect({ connectionString, schema });
    await expectAllAcknowledgedStored(store, acks);
    await store.close();
  });
});
