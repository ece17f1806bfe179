/**
 * Node options for the app's worker threads: the parent's, without the tsx loader (`--import tsx`, tsx's
 * `--require …/preflight.cjs` and `--import …/loader.mjs`, `--loader tsx`). The threads load their code as one
 * bundled JavaScript module (worker-bundle.mjs), or register tsx themselves when no bundle can be built; a thread
 * that inherits the loader starts tsx's hooks and routes every import through them, which doubles its boot
 * (3 scoring threads: ~0.9 → ~0.4 s of CPU). Other options (conditions, V8 flags) are kept.
 */
const TAKES_VALUE = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

export function threadExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (TAKES_VALUE.has(flag)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
      const pair = eq > 0 ? [a] : [a, argv[i + 1]];
      if (eq < 0) i++;
      if (value !== undefined && /(^|[\\/])tsx($|[\\/])/.test(value)) continue;
      out.push(...pair.filter((x) => x !== undefined));
      continue;
    }
    out.push(a);
  }
  return out;
}
