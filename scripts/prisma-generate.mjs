// Generates the Prisma client offline. Every Prisma CLI command tries to download a native schema engine,
// which this environment cannot reach; `generate` does not need it, so point it at a no-op binary.
// (Never use this trick for `migrate`: there it silently does nothing. See scripts/db-migrate.ts.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('prisma/schema.prisma')) process.exit(0);
const res = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
});
process.exit(res.status ?? 1);
