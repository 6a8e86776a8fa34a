import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAftercarePolicy } from './aftercare-policy';
import { ConfigError } from './load-config';
import { ServiceConfig } from './service.config';

const write = (content: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'policy-')), 'aftercare.json');
  writeFileSync(path, content);
  return path;
};
const problemsOf = (path: string): string[] => {
  try {
    loadAftercarePolicy(path);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('aftercare policy file', () => {
  it('ships a valid default, used when AFTERCARE_POLICY_PATH is unset', () => {
    expect(new ServiceConfig().AFTERCARE_POLICY_PATH).toBeUndefined();
    const policy = loadAftercarePolicy(undefined);
    expect(policy).toEqual(loadAftercarePolicy(join(__dirname, '../../../config/aftercare-policy.json')));
    expect(policy.compensation.tiers.length).toBeGreaterThan(0);
    expect(policy.returns.windowDays).toBeGreaterThan(0);
    expect(policy.storage.extensionDays).toBeGreaterThan(0);
  });

  it('lists every problem at once, each with its path in the file', () => {
    const path = write(
      JSON.stringify({
        compensation: {
          timeZone: 'Mars/Olympus',
          tiers: [
            { fromDaysLate: 0, voucher: { kind: 'percent', percent: 150 } },
            { fromDaysLate: 5, voucher: { kind: 'fixed', amount: 10 } },
          ],
        },
        returns: { windowDays: -1, nonReturnableCategories: 'food' },
        storage: { extensionDays: 3, surprise: true },
      }),
    );
    const problems = problemsOf(path).map((p) => p.slice(path.length + 2));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^compensation\.tiers\.0\.fromDaysLate: /),
        expect.stringMatching(/^compensation\.tiers\.0\.voucher\.percent: /),
        expect.stringMatching(/^compensation\.tiers\.1\.voucher\.currency: /),
        expect.stringMatching(/^returns\.windowDays: /),
        expect.stringMatching(/^returns\.nonReturnableCategories: /),
        expect.stringMatching(/^storage\.surprise: /),
        'compensation.timeZone: Mars/Olympus is not an IANA time zone',
      ]),
    );
  });

  it('refuses a missing or malformed file by name', () => {
    expect(problemsOf('/nonexistent/aftercare.json')).toEqual([
      expect.stringMatching(/^AFTERCARE_POLICY_PATH: cannot read \/nonexistent\/aftercare.json as JSON/),
    ]);
    expect(problemsOf(write('{ not json'))).toHaveLength(1);
  });
});
