import { describe, expect, it } from 'vitest';
import { threadExecArgv } from './exec-argv';

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
    expect(threadExecArgv(argv)).toEqual(['--conditions=react-server', '--max-old-space-size=4096', '-r', 'dotenv/config', '--import', './instrument.mjs', '--enable-source-maps']);
    // a package whose name merely contains "tsx" stays
    expect(threadExecArgv(['--import', 'my-tsx-plugin', '--require', '/x/tsxlike/a.cjs'])).toEqual(['--import', 'my-tsx-plugin', '--require', '/x/tsxlike/a.cjs']);
    expect(threadExecArgv([])).toEqual([]);
    // a trailing flag without its value is kept as it is
    expect(threadExecArgv(['--import'])).toEqual(['--import']);
  });
});
