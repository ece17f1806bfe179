import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { probeCandidates, rejectedByWorkers, threadExecArgv } from './exec-argv';

describe('threadExecArgv', () => {
  it("drops tsx's loader in every form and keeps the other options", () => {
    const argv = [
      '--conditions=react-server',
      '--require',
      '/app/node_modules/tsx/dist/preflight.cjs',
      '--import',
      'file:///app/node_modules/tsx/dist/loader.mjs',
      '--max-old-space-size=4096',
      '--import',
      'tsx',
      '--import=tsx',
      '--loader',
      'tsx',
      '-r',
      'dotenv/config',
      '--import',
      './instrument.mjs',
      '--enable-source-maps',
    ];
    // (--max-old-space-size is V8's: a thread refuses it, see below)
    expect(threadExecArgv(argv)).toEqual(['--conditions=react-server', '-r', 'dotenv/config', '--import', './instrument.mjs', '--enable-source-maps']);
    // a package whose name merely contains "tsx" stays
    expect(threadExecArgv(['--import', 'my-tsx-plugin', '--require', '/x/tsxlike/a.cjs'])).toEqual(['--import', 'my-tsx-plugin', '--require', '/x/tsxlike/a.cjs']);
    expect(threadExecArgv([])).toEqual([]);
    // a trailing flag without its value is kept as it is
    expect(threadExecArgv(['--import'])).toEqual(['--import']);
  });
});

describe('threadExecArgv and options threads refuse', () => {
  it('drops V8 and per-process options, which make new Worker throw, and keeps the rest', async () => {
    const argv = ['--max-old-space-size=4096', '--conditions=react-server', '--max-semi-space-size=16', '--enable-source-maps', '--stack-size=2000'];
    expect(() => new Worker('', { eval: true, execArgv: argv })).toThrow(/invalid execArgv flags: --max-old-space-size=4096/);
    const kept = threadExecArgv(argv);
    expect(kept).toEqual(['--conditions=react-server', '--enable-source-maps']);
    expect(rejectedByWorkers(argv)).toEqual(new Set(['--max-old-space-size=4096', '--max-semi-space-size=16', '--stack-size=2000']));
    // a thread starts with what is kept, and runs
    const w = new Worker('require("node:worker_threads").parentPort.postMessage(process.execArgv)', { eval: true, execArgv: kept });
    const got = await new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    await w.terminate();
    expect(got).toEqual(kept);
  });

  it('a list threads accept is returned as it is', () => {
    expect(threadExecArgv(['--conditions=react-server', '--enable-source-maps'])).toEqual(['--conditions=react-server', '--enable-source-maps']);
    expect(rejectedByWorkers([]).size).toBe(0);
  });

  it('never gives the probe module or profiling options (a thread would load the modules and write a profile)', () => {
    const mod = 'data:text/javascript,export default 1';
    expect(probeCandidates(['--import', mod, '-r', 'dotenv/config', '--require=x.cjs', '--cpu-prof', '--cpu-prof-dir=/tmp/p', '-C', 'react-server', '--no-warnings', '--max-semi-space-size=8'])).toEqual(['--no-warnings', '--max-semi-space-size=8']);
    const argv = ['--import', mod, '--cpu-prof', '--no-warnings', '--max-semi-space-size=8'];
    expect(threadExecArgv(argv)).toEqual(['--import', mod, '--cpu-prof', '--no-warnings']);
  });
});
