/** Dockerfile, .dockerignore and vercel.json: checked statically (no container engine runs here). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCron, SCHEDULE_KINDS, SCHEDULES } from '@/lib/pipeline/schedules';

interface Instruction {
  op: string;
  args: string;
  line: number;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#|$)/.test(lines[i])) continue;
    const start = i;
    let body = lines[i];
    while (body.endsWith('\\') && i + 1 < lines.length) body = body.slice(0, -1) + ' ' + lines[++i].replace(/^\s*#.*$/, '');
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(body);
    if (!m) throw new Error(`Dockerfile line ${start + 1}: not an instruction: ${body}`);
    out.push({ op: m[1].toUpperCase(), args: m[2].trim(), line: start + 1 });
  }
  return out;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.op === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`Dockerfile line ${ins.line}: bad FROM`);
      stages.push({ from: m[1], name: m[2], instructions: [] });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return stages;
}

const dockerfile = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
const stages = stagesOf(dockerfile);
const args = Object.fromEntries(dockerfile.filter((i) => i.op === 'ARG').map((i) => i.args.split('=') as [string, string]));
const resolveFrom = (from: string) => from.replace(/^\$\{?(\w+)\}?$/, (_, name: string) => args[name] ?? from);

describe('Dockerfile', () => {
  it('is multi-stage: deps (npm ci) → build (next build) → runtime, on node:20-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const names = stages.map((s) => s.name);
    const root = (s: Stage): string => {
      const parent = stages.find((p) => p.name === s.from);
      return parent ? root(parent) : resolveFrom(s.from);
    };
    for (const s of stages) expect(root(s), `stage ${s.name}`).toBe('node:20-bookworm-slim');
    const runs = (s: Stage) => s.instructions.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n');
    expect(stages.some((s) => /\bnpm ci\b/.test(runs(s)))).toBe(true);
    expect(stages.some((s) => /\bnext build\b/.test(runs(s)))).toBe(true);
    // worker-thread bundles are built after the prune (esbuild stays: a production dependency), for a read-only runtime
    expect(stages.some((s) => /npm prune --omit=dev[\s\S]*node scripts\/build-thread-bundles\.mjs/.test(runs(s)))).toBe(true);
    const runtime = stages[stages.length - 1];
    expect(names.indexOf(runtime.name)).toBe(stages.length - 1);
    // The runtime copies from earlier stages and compiles nothing itself.
    expect(runtime.instructions.some((i) => i.op === 'COPY' && /--from=/.test(i.args))).toBe(true);
    expect(runs(runtime)).not.toMatch(/npm (ci|install)|next build|apt-get install/);
  });

  it('runs as a non-root user, health-checks /api/health and starts the web app without building or embedding a worker', () => {
    const runtime = stages[stages.length - 1].instructions;
    const users = runtime.filter((i) => i.op === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(user).not.toMatch(/^(root|0)$/);
    // Nothing after the last USER switches back.
    expect(runtime.slice(runtime.indexOf(users[users.length - 1]) + 1).some((i) => i.op === 'RUN')).toBe(false);
    const health = runtime.find((i) => i.op === 'HEALTHCHECK');
    expect(health?.args).toMatch(/\/api\/health/);
    const cmd = JSON.parse(runtime.find((i) => i.op === 'CMD')!.args) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd).toEqual(expect.arrayContaining(['scripts/start.ts', '--no-build', '--no-worker']));
  });

  it('holds no secrets: no secret-looking ENV/ARG, no credentials in URLs, no .env copied', () => {
    for (const i of dockerfile) {
      if (i.op === 'ENV' || i.op === 'ARG') expect(i.args, `line ${i.line}`).not.toMatch(/SECRET|PASSWORD|TOKEN|API_KEY|DATABASE_URL|PRIVATE/i);
      expect(i.args, `line ${i.line}`).not.toMatch(/\w+:\/\/[^/\s:@]+:[^@\s]+@/);
      if (i.op === 'COPY' || i.op === 'ADD') expect(i.args, `line ${i.line}`).not.toMatch(/\.env\b|\.pem\b|id_rsa/);
    }
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync('.dockerignore', 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  // Docker's matching: `*` within a path segment, a pattern matches the path or any parent of it.
  const ignored = (p: string) =>
    patterns.some((pat) => {
      if (pat.startsWith('!')) return false;
      const body = pat
        .replace(/^\//, '')
        .split(/(\*\*\/|\*|\?)/)
        .map((t) => (t === '**/' ? '(?:.*/)?' : t === '*' ? '[^/]*' : t === '?' ? '[^/]' : t.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return new RegExp(`^${body}(?:/.*)?$`).test(p);
    });

  it.each(['node_modules', 'node_modules/next/package.json', 'lib/pipeline/schedules.test.ts', '.data', '.data/pg/PG_VERSION', '.data-e2e', '.next', '.git', '.env', 'test-results', 'playwright-report', 'tsconfig.tsbuildinfo', 'lib/server/generated'])('excludes %s', (p) => {
    expect(ignored(p)).toBe(true);
  });

  it.each(['package.json', 'package-lock.json', 'app/page.tsx', 'lib/pipeline/schedules.ts', 'prisma/schema.prisma', 'scripts/start.ts', 'workers/main.ts', 'next.config.js', 'tsconfig.json'])('keeps %s', (p) => {
    expect(ignored(p)).toBe(false);
  });
});

describe('vercel.json', () => {
  const vercel = JSON.parse(readFileSync('vercel.json', 'utf8')) as { crons: { path: string; schedule: string }[] };

  it('has one cron per schedule kind, calling /api/cron/<kind> at its default schedule', () => {
    expect(vercel.crons.map((c) => c.path).sort()).toEqual(SCHEDULE_KINDS.map((k) => SCHEDULES[k].path).sort());
    for (const kind of SCHEDULE_KINDS) {
      const cron = vercel.crons.find((c) => c.path === `/api/cron/${kind}`);
      expect(cron?.schedule, kind).toBe(SCHEDULES[kind].defaultCron);
      expect(() => parseCron(cron!.schedule)).not.toThrow();
    }
  });
});
