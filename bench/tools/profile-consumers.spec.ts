import { consumers } from './profile-consumers';

const frame = (functionName: string, url: string) => ({ functionName, url });
const dist = (path: string) => `file:///repo/dist/libs/${path}`;

/** root -> dispatch -> sent -> store (SQLite); root -> drain (ETA) -> predictEta; root -> GC; root -> a node timer; root -> module load. */
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 5, 7, 8, 9] },
    { id: 2, callFrame: frame('dispatch', dist('application/src/notify/notification.dispatcher.js')), children: [3] },
    { id: 3, callFrame: frame('sent', dist('notifier/src/stores/sqlite.notification.store.js')), children: [4] },
    { id: 4, callFrame: frame('sqliteTransaction', 'file:///repo/node_modules/better-sqlite3/lib/methods/transaction.js') },
    { id: 5, callFrame: frame('drain', dist('application/src/projections/eta/eta.pipeline.js')), children: [6] },
    { id: 6, callFrame: frame('predictEta', dist('domain/src/eta/eta-predictor.js')) },
    { id: 7, callFrame: frame('(garbage collector)', '') },
    { id: 8, callFrame: frame('processTimers', 'node:internal/timers') },
    { id: 9, callFrame: frame('Module._load', 'node:internal/modules/cjs/loader'), children: [10] },
    { id: 10, callFrame: frame('(anonymous)', dist('notifier/src/index.js')) },
  ],
  samples: [4, 3, 6, 5, 7, 8, 10],
  timeDeltas: [10, 20, 30, 40, 50, 60, 70],
};

describe('profile-consumers', () => {
  it('charges each sample to the nearest consumer on its stack, with what it calls; module loading and GC apart', () => {
    expect(Object.fromEntries(consumers(profile))).toEqual({
      'dispatcher + attempt log': 10 + 20,
      'ETA projection + delay reactor': 30 + 40,
      GC: 50,
      other: 60,
      'startup (module load, before the figure)': 70,
    });
  });
});
