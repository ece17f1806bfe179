/** The path of the bundle of `entry` (file URL of a .ts module), built or rebuilt when it is missing or stale. */
export function ensureWorkerBundle(entry: URL): Promise<string>;
/** Every worker-thread entry of the app. */
export const WORKER_ENTRIES: URL[];
/** Imports the worker entry `entry` (file URL of a .ts module): from its esbuild bundle, else through tsx. */
export function importWorkerEntry(entry: URL): Promise<Record<string, unknown>>;
