/** Applies pending migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
import { applyMigrations } from '@/lib/server/db/schema-engine';
import { withDatabase } from './lib/with-database';

await withDatabase(async (url) => {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
});
