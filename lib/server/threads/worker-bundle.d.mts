/** Imports the worker entry `entry` (file URL of a .ts module): from its esbuild bundle, else through tsx. */
export function importWorkerEntry(entry: URL): Promise<Record<string, unknown>>;
