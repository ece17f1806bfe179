/** Creates the demo source database (a SQLite file in DATA_DIR) on first run. */
export async function ensureDemoSource(_dataDir: string, _log: (m: string) => void): Promise<void> {
  // Wired to lib/server/demo-source once the generator lands.
}
