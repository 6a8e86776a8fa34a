import { chargeByOwner, diff } from './profile-diff';

const frame = (functionName: string, url: string) => ({ functionName, url });

/** root -> handler (ours) -> helper (ours) -> JSON.parse (native); root -> (garbage collector); root -> (idle). */
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 5, 6] },
    { id: 2, callFrame: frame('handle', 'file:///repo/dist/apps/svc/src/handler.js'), children: [3] },
    { id: 3, callFrame: frame('helper', 'file:///repo/dist/libs/app/src/helper.js'), children: [4] },
    { id: 4, callFrame: frame('parse', 'file:///repo/node_modules/fast-json/index.js') },
    { id: 5, callFrame: frame('(garbage collector)', '') },
    { id: 6, callFrame: frame('(idle)', '') },
  ],
  samples: [4, 3, 2, 5, 6, 4],
  timeDeltas: [10, 20, 30, 40, 50, 60],
};

describe('profile-diff', () => {
  it('charges every sample to the outermost frame of ours on its stack, else to its leaf', () => {
    expect(Object.fromEntries(chargeByOwner(profile))).toEqual({
      'handle apps/svc/src/handler.js': 10 + 20 + 30 + 60,
      '~ (garbage collector)': 40,
      '~ (idle)': 50,
    });
  });

  it('prints microseconds per request for each side, and the busy total without idle', () => {
    const charged = chargeByOwner(profile);
    const lines = diff(charged, 10, charged, 20, 5).split('\n');
    expect(lines[1]).toMatch(/^\s+16\.0\s+8\.0\s+all but idle$/);
    expect(lines[2]).toMatch(/^\s+12\.0\s+6\.0\s+handle apps\/svc\/src\/handler\.js$/);
  });
});
