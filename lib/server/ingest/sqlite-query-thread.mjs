// Worker-thread entry (plain JS, no build step): runs one read-only SQLite query and posts its rows back as
// arrays. Lets the ingest run its heaviest extract on a second core while the others run on the main thread.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { path, sql, params } = workerData;
try {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('mmap_size = 2147418112');
    const rows = db.prepare(sql).raw(true).all(...params);
    parentPort.postMessage({ ok: true, rows });
  } finally {
    db.close();
  }
} catch (err) {
  parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
