import { AppError } from '@/lib/server/errors';

/**
 * Saves the next version of a versioned row: reads the current highest version, calls `insert(version + 1)`, and
 * when a concurrent save took that number (unique violation P2002) tries again with the next one. Returns null
 * without inserting when `onlyIfEmpty` and a version exists already.
 */
export async function insertNextVersion<T>(opts: {
  currentVersion: () => Promise<number | null>;
  insert: (version: number) => Promise<T>;
  onlyIfEmpty?: boolean;
  what: string;
}): Promise<T | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const top = await opts.currentVersion();
    if (opts.onlyIfEmpty && top !== null) return null;
    try {
      return await opts.insert((top ?? 0) + 1);
    } catch (e) {
      if ((e as { code?: string }).code !== 'P2002') throw e;
    }
  }
  throw new AppError('conflict', `too many concurrent saves of ${opts.what}; try again`);
}
