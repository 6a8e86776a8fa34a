import { parentPort, workerData } from 'node:worker_threads';
import { sqliteGroupCommitter } from './sqlite.group-committer';
import { openSqliteEventFile } from './sqlite.schema';
import { type CommitReply, type CommitRequest, toWireError, toWireOutcomes, type WriterBoot } from './sqlite.writer.protocol';

/**
 * The writer thread: owns the one writing connection of an event file, so the commit's fsync
 * blocks this thread and not the main thread's event loop. One group at a time, in arrival order.
 */
const { path } = workerData as WriterBoot;
const db = openSqliteEventFile(path);
// Appends touch the table's last pages and one index path per stream: 4 MB holds those, 16 (the build's
// default) held a million-order file's random index leaves for nothing (docs/PERFORMANCE.md, session 10).
db.pragma('cache_size = -4096');
const commit = sqliteGroupCommitter(db);

parentPort!.on('message', (message: CommitRequest | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  let reply: CommitReply;
  try {
    reply = { id: message.id, outcomes: toWireOutcomes(commit(message.group)) };
  } catch (error) {
    reply = { id: message.id, failure: toWireError(error) }; // the transaction itself failed: nothing of the group is committed
  }
  parentPort!.postMessage(reply);
});
