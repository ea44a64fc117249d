#!/usr/bin/env node
/**
 * `npm run test:package`: proves the package that `npm pack` makes, as users get it.
 *
 *  1. `npm run build` (the dual build), then one `npm pack`.
 *  2. Packaging checks on that tarball: its file list (dist, README, LICENSE, CHANGELOG, package.json and
 *     nothing else), no deep `@nestjs/<pkg>/...` import in any emitted .d.ts, `publint --strict`, and
 *     `attw` (@arethetypeswrong/cli) under every resolution mode, node10 included.
 *  3. Each consumer project under test/consumers/ is copied to a fresh folder outside the repository (so
 *     nothing resolves from the repository's node_modules), gets the tarball through the README's own
 *     install command for its NestJS major (with `nestjs-termii` replaced by the tarball's path), and runs
 *     `npm test` — without `@nestjs/terminus`, an optional peer — then installs `@nestjs/terminus` of its
 *     NestJS major and runs `npm run test:terminus` (the `nestjs-termii/terminus` entry point).
 *     Consumers run one after another; they talk only to loopback.
 *
 * Usage: node test/consumers/run.mjs [consumer ...]   (default: all)
 * Env:   KEEP_CONSUMERS=1 keeps the temporary folder for inspection.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
/** A command installed by the repository's package.json (`npm ci`). */
const bin = (name) => join(repo, 'node_modules', '.bin', name);

/** Each consumer and the NestJS major whose README install line it runs. */
const CONSUMERS = [
  { name: 'nest11-cjs-jest', nest: 11 },
  { name: 'nest12-esm-jest', nest: 12 },
  { name: 'nest12-cjs-node', nest: 12 },
];
const INSTALL_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline'];

const timings = [];
const runStarted = Date.now();

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs a command with inherited output; rejects on a non-zero exit. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal})`)),
    );
  });
}

/** Like run(), but collects stdout. */
function capture(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal})`)),
    );
  });
}

async function step(label, fn) {
  const started = Date.now();
  console.log(`\n=== ${label}`);
  try {
    const result = await fn();
    timings.push([label, Date.now() - started, 'ok']);
    console.log(`=== ${label}: ok in ${seconds(Date.now() - started)}`);
    return result;
  } catch (error) {
    timings.push([label, Date.now() - started, 'FAILED']);
    throw error;
  }
}

/** The README's install commands, by NestJS major: `# NestJS 12` above the `npm install ...` line it means. */
function readmeInstallCommands() {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = /^## Install\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Install" section');
  const commands = new Map();
  let major;
  for (const line of section.split('\n').map((l) => l.trim())) {
    const heading = /^#\s*NestJS (\d+)\b/.exec(line);
    if (heading) major = Number(heading[1]);
    else if (line.startsWith('npm install ') && major !== undefined) {
      commands.set(major, line.split(/\s+/));
      major = undefined;
    }
  }
  return commands;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function packagingChecks(tarball, work) {
  await step('tarball contents', async () => {
    const listing = await capture('tar', ['-tzf', tarball]);
    const files = listing
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    const allowed = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
    const unexpected = files.filter((f) => !allowed.test(f));
    const missing = ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json', 'dist/index.js', 'dist/cjs/index.js']
      .concat(['dist/cjs/package.json', 'dist/sandbox/cli.js'])
      .concat(['dist/webhooks/index.js', 'dist/webhooks/index.d.ts', 'dist/cjs/webhooks/index.js'])
      .filter((f) => !files.includes(f));
    const specs = files.filter((f) => /\.spec\.|\.tsbuildinfo$/.test(f));
    if (unexpected.length || missing.length || specs.length) {
      throw new Error(
        `tarball: unexpected ${JSON.stringify(unexpected)}, missing ${JSON.stringify(missing)}, tests ${JSON.stringify(specs)}`,
      );
    }
    console.log(
      `${files.length} files: dist/ (${files.filter((f) => f.startsWith('dist/')).length}), README.md, LICENSE, CHANGELOG.md, package.json`,
    );
  });

  await step('d.ts imports only package roots of @nestjs/*', async () => {
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    await run('tar', ['-xzf', tarball, '-C', unpacked]);
    const offenders = [];
    const declarations = filesUnder(join(unpacked, 'package', 'dist')).filter((f) => f.endsWith('.d.ts'));
    for (const file of declarations) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(
        /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@nestjs\/[^'"/]+\/[^'"]*)['"]/g,
      )) {
        offenders.push(`${relative(unpacked, file).split(sep).join('/')}: ${match[1]}`);
      }
    }
    if (offenders.length) throw new Error(`deep @nestjs imports in declarations:\n  ${offenders.join('\n  ')}`);
    console.log(`${declarations.length} declaration files, no deep @nestjs/* import`);
  });

  await step('publint --strict', () => run(bin('publint'), ['--strict', repo], { cwd: repo }));

  await step('attw (node10, node16 CJS, node16 ESM, bundler)', () => run(bin('attw'), [tarball], { cwd: repo }));
}

async function main() {
  const only = process.argv.slice(2);
  const consumers = only.length ? CONSUMERS.filter((c) => only.includes(c.name)) : CONSUMERS;
  if (only.length && consumers.length !== only.length) throw new Error(`unknown consumer in ${only.join(', ')}`);
  const installs = readmeInstallCommands();
  for (const { nest } of consumers) {
    if (!installs.has(nest)) throw new Error(`README "## Install" has no npm install line under "# NestJS ${nest}"`);
  }

  const work = mkdtempSync(join(tmpdir(), 'nestjs-termii-consumers-'));
  try {
    await step('npm run build', () => run('npm', ['run', 'build'], { cwd: repo }));
    const tarball = await step('npm pack', async () => {
      const out = await capture('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo });
      const [info] = JSON.parse(out);
      console.log(`${info.filename}: ${info.entryCount} files, ${(info.size / 1024).toFixed(1)} kB`);
      return join(work, info.filename);
    });
    await packagingChecks(tarball, work);

    for (const consumer of consumers) {
      const dir = join(work, consumer.name);
      cpSync(join(here, consumer.name), dir, {
        recursive: true,
        filter: (src) => !/[\\/](node_modules|dist|terminus-dist)$/.test(src),
      });
      const [npm, ...args] = installs.get(consumer.nest).map((word) => (word === 'nestjs-termii' ? tarball : word));
      await step(`${consumer.name}: ${installs.get(consumer.nest).join(' ')}`, () =>
        run(npm, [...args, ...INSTALL_FLAGS], { cwd: dir }),
      );
      // @nestjs/terminus is an optional peer: the app builds and runs without it...
      await step(`${consumer.name}: npm test (without @nestjs/terminus)`, async () => {
        if (existsSync(join(dir, 'node_modules', '@nestjs', 'terminus'))) {
          throw new Error('@nestjs/terminus is installed: the run without it would prove nothing');
        }
        await run('npm', ['test'], { cwd: dir });
      });
      // ...and once installed, the nestjs-termii/terminus entry point resolves and works.
      const terminus = `@nestjs/terminus@^${consumer.nest}`;
      await step(`${consumer.name}: npm install ${terminus}`, () =>
        run('npm', ['install', terminus, ...INSTALL_FLAGS], { cwd: dir }),
      );
      await step(`${consumer.name}: npm run test:terminus`, () => run('npm', ['run', 'test:terminus'], { cwd: dir }));
    }
  } finally {
    if (process.env.KEEP_CONSUMERS) console.log(`\nkept ${work}`);
    else rmSync(work, { recursive: true, force: true });
    console.log('\n=== timings');
    for (const [label, ms, result] of timings) console.log(`${seconds(ms).padStart(8)}  ${result.padEnd(6)}  ${label}`);
    console.log(`${seconds(Date.now() - runStarted).padStart(8)}  total`);
  }
}

main().catch((error) => {
  console.error(`\ntest:package failed: ${error.message}`);
  process.exitCode = 1;
});
