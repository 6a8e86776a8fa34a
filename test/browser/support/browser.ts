import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readOlistOrders, timeline, toWebhook } from '@ot/replay';
import { eventually } from '@ot/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestApp } from '../../e2e/support/test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = join(__dirname, '../../..');
export const TIME_ZONE = 'America/Sao_Paulo';
/** The shared Olist slice: beside the repository (../shared) or beside the worktrees' parent. */
export const DATA = [join(ROOT, '../shared/data/olist-orders.csv'), join(ROOT, '../../shared/data/olist-orders.csv')].find(existsSync);

/** describe, or describe.skip with the reason printed, when Debian's chromium or the Olist data is missing. */
export function describeInBrowser(suite: string): jest.Describe {
  const missing = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install -y chromium)` : !DATA ? 'the shared Olist data is missing' : undefined;
  if (missing) console.log(`${suite} browser suite skipped: ${missing}`);
  return missing ? describe.skip : describe;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Replays the first `count` Olist orders as signed webhooks, the steps up to the last placement (recent orders stay open). */
export async function replayOlist(t: TestApp, count: number): Promise<void> {
  const steps = timeline(readOlistOrders(DATA!, count), TIME_ZONE);
  const lastPlaced = Math.max(...steps.filter((s) => s.kind === 'placed').map((s) => s.at));
  for (const step of steps.filter((s) => s.at <= lastPlaced)) {
    const call = toWebhook(step, TIME_ZONE);
    await t.webhook(call.channel, call.body);
  }
}

// Waits like Playwright's own assertions (jest's expect has no locator matchers): the last failure is the report.
export type Locator = ReturnType<Page['locator']>;
export async function hasText(locator: Locator, text: string | RegExp, timeoutMs = 5000): Promise<void> {
  await eventually(
    async () => {
      const actual = (await locator.first().textContent()) ?? '';
      if (typeof text === 'string') expect(actual).toBe(text);
      else expect(actual).toMatch(text);
    },
    { timeoutMs, everyMs: 50 },
  );
}
