import { Logger } from '@nestjs/common';
import { kafkaClient } from './kafka.client';

// kafkajs printed its own JSON ({"level":"ERROR","logger":"kafkajs",...}) beside the process's pino lines;
// an operator's log pipeline then meets two formats. Its lines go through the process's one logger.
describe('kafkaClient logging', () => {
  afterEach(() => jest.restoreAllMocks());

  it("writes kafkajs's lines through Nest's Logger (context kafkajs), not the console", async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const console_ = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const admin = kafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'log-test', logLevel: 'error' }, { retry: { retries: 0 }, connectionTimeout: 500 }).admin();
    await expect(admin.connect()).rejects.toThrow();
    expect(console_).not.toHaveBeenCalled();
    const lines = errors.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => /ECONNREFUSED 127\.0\.0\.1:1/.test(line))).toBe(true);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true); // one line each: no stack
    const contexts = errors.mock.contexts as unknown as Logger[];
    expect(contexts.every((logger) => (logger as unknown as { context?: string }).context === 'kafkajs')).toBe(true);
  });

  it('leaves out the namespace kafkajs did not give (no "[undefined]")', () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    kafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'log-test', logLevel: 'warn' }).producer(); // kafkajs warns about its partitioner here
    const lines = warnings.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => line.includes('partitioner'))).toBe(true);
    expect(lines.filter((line) => line.includes('[undefined]'))).toEqual([]);
  });
});
