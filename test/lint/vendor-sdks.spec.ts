import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SDKS = /node_modules\/(twilio|firebase-admin|nodemailer|kafkajs|@eventstore\/db-client)\//;

/** Which vendor SDKs a fresh node process holds after running `script` (our TypeScript, compiled on require). */
function sdksLoadedBy(script: string): string[] {
  const probe = `${script}
    const loaded = new Set(Object.keys(require.cache).map((file) => (${SDKS}.exec(file) ?? [])[1]).filter(Boolean));
    process.stdout.write(JSON.stringify([...loaded].sort()));`;
  return JSON.parse(
    execFileSync(process.execPath, ['-r', './scripts/swc-register.js', '-e', probe], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }),
  ) as string[];
}

// The embedded default uses none of them, and loading them all cost about 170 ms of CPU and 11 MB at every start.
describe('vendor SDKs are required by their adapter, not by importing the app', () => {
  it('importing the whole order-service composition loads none of them', () => {
    expect(sdksLoadedBy(`require('./apps/order-service/src/bootstrap.ts');`)).toEqual([]);
  });

  it('building a vendor sender loads its SDK (the probe sees a loaded one)', () => {
    const build = `require('./libs/channels/src/channel-senders.from-config.ts').channelSendersFromConfig({
      NOTIFIER_OUTBOX_DIR: '/tmp/unused', TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+15550000000',
      SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'orders@example.com' });`;
    expect(sdksLoadedBy(build)).toEqual(['nodemailer', 'twilio']);
  });
});
