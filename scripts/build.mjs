#!/usr/bin/env node
/**
 * `npm run build`: the dual build of every entry point (".", "./testing", "./sandbox", "./webhooks",
 * "./terminus" and the termii-sandbox command).
 *
 *   dist/       ESM (tsconfig.build.json), loaded by `import`; dist/sandbox/cli.js is the bin
 *   dist/cjs/   CommonJS (tsconfig.build.cjs.json), loaded by `require`; dist/cjs/package.json says
 *               {"type":"commonjs"} so that Node and TypeScript read its .js and .d.ts as CommonJS
 *               despite the package's own "type": "module".
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const started = Date.now();

rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const project of ['tsconfig.build.json', 'tsconfig.build.cjs.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { cwd: root, stdio: 'inherit' });
}
mkdirSync(join(root, 'dist/cjs'), { recursive: true });
writeFileSync(join(root, 'dist/cjs/package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
chmodSync(join(root, 'dist/sandbox/cli.js'), 0o755);
console.log(`build: dist/ (ESM) and dist/cjs/ (CommonJS) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
