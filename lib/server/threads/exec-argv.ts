/**
 * Node options for the app's worker threads: the parent's, without the tsx loader (`--import tsx`, tsx's
 * `--require …/preflight.cjs` and `--import …/loader.mjs`, `--loader tsx`). The threads load their code as one
 * bundled JavaScript module (worker-bundle.mjs), or register tsx themselves when no bundle can be built; a thread
 * that inherits the loader starts tsx's hooks and routes every import through them, which doubles its boot
 * (3 scoring threads: ~0.9 → ~0.4 s of CPU). Other options (conditions, source maps) are kept.
 *
 * Options a thread cannot take are dropped too: V8's (`--max-old-space-size=…`, `--max-semi-space-size=…`,
 * `--stack-size=…`) and Node's per-process ones. Given to `new Worker`, any of them throws
 * ERR_WORKER_INVALID_EXEC_ARGV, so a server started as `node --max-old-space-size=4096 …` could start no thread
 * at all. They apply to the whole process anyway, threads included. Which ones they are is asked of Node once
 * per list: a `Worker` is constructed with the options not known to be accepted (it throws before a thread starts
 * and names the ones it rejects). Module options (`--import`, `--require`, `--loader`), conditions, source maps and
 * profiling are known to be accepted and never given to that probe, so it loads no module and writes no profile.
 */
import { Worker } from 'node:worker_threads';

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
  const rejected = rejectedByWorkers(probeCandidates(out));
  return rejected.size ? out.filter((a) => !rejected.has(a)) : out;
}

/** Options every thread takes (`--opt` or `--opt=value`): the module options of TAKES_VALUE and these (flag names hold no regex syntax). */
const ACCEPTED = new RegExp(`^(${[...TAKES_VALUE, '-C', '--conditions', '--enable-source-maps', '--cpu-prof', '--heap-prof'].join('|')})(-[a-z-]+)?(=|$)`);

/** The options of a list that `rejectedByWorkers` must ask about: all but those known to be accepted and their values. */
export function probeCandidates(options: readonly string[]): string[] {
  const valueOfAccepted = (i: number) => i > 0 && ACCEPTED.test(options[i - 1]) && !options[i - 1].includes('=') && !options[i].startsWith('-');
  return options.filter((a, i) => !ACCEPTED.test(a) && !valueOfAccepted(i));
}

const probed = new Map<string, Set<string>>();

/** The options of `execArgv` that `new Worker` refuses (cached per list). */
export function rejectedByWorkers(execArgv: readonly string[]): Set<string> {
  if (execArgv.length === 0) return new Set();
  const key = execArgv.join('\0');
  let rejected = probed.get(key);
  if (rejected) return rejected;
  rejected = new Set();
  try {
    // Valid options: a thread that runs nothing, stopped at once. Reflect.construct keeps bundlers from treating
    // this as a worker entry point to bundle.
    const w = Reflect.construct(Worker, ['', { eval: true, execArgv: [...execArgv], stdout: true, stderr: true }]) as Worker;
    w.unref();
    // (the probe loads no module, but a failure in a thread it is stopping must not become an unhandled 'error')
    w.on('error', () => {});
    void w.terminate().catch(() => {});
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    // "Initiated Worker with invalid execArgv flags: --a=1, --b"
    const named = err.message.slice(err.message.indexOf(':') + 1).split(',').map((s) => s.trim()).filter(Boolean);
    for (const a of named) rejected.add(a);
    if (!execArgv.some((a) => rejected.has(a))) {
      // a message in another form (e.g. an option without its value): try the options one at a time
      if (execArgv.length === 1) rejected.add(execArgv[0]);
      else for (const a of execArgv) if (rejectedByWorkers([a]).size) rejected.add(a);
    }
  }
  probed.set(key, rejected);
  return rejected;
}
