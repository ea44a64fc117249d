#!/usr/bin/env node
/**
 * `node scripts/copy-sample-app-assets.mjs OUT`: copies the sample app's static files (the sign-in page's
 * HTML, CSS and script, in `sample-app/sign-in/public/`) next to its compiled modules in `OUT`, which
 * mirrors `sample-app/` (`dist-sample-app` for `npm start`, `.tmp/sample-app-e2e/sample-app` for the e2e
 * tests). TypeScript compiles the `.ts` files only.
 */
import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/copy-sample-app-assets.mjs OUT_DIR');
  process.exit(2);
}
const PUBLIC_DIRS = ['sign-in/public'];
for (const dir of PUBLIC_DIRS) {
  cpSync(join(root, 'sample-app', dir), join(resolve(root, out), dir), { recursive: true });
}
