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
 *     The `lowest-nest11` and `lowest-nest12` consumers run the tests of the NestJS 11 and NestJS 12 ESM
 *     ones, but install the lowest version of every peer range in package.json for that NestJS major
 *     (`@nestjs/terminus` included, in its step) instead of the README's line.
 *  4. Each consumer installs once (with this machine's Node and npm) and runs its tests on this machine's
 *     Node and then on each Node major of CONSUMER_NODES (22, 24, 26 by default): that Node's binary, from
 *     the registry's `node` package, installed once into a cache folder, comes first on the PATH, so that
 *     npm's scripts, Jest, tsc and the `termii-sandbox` command all run on it.
 *     Consumers run one after another; they talk only to loopback.
 *
 * Usage: node test/consumers/run.mjs [consumer ...]   (default: all)
 * Env:   KEEP_CONSUMERS=1 keeps the temporary folder for inspection.
 *        CONSUMER_NODES=22,24,26 the other Node majors to run the consumers on (empty: this machine's only).
 *        NODE_RUNTIME_CACHE=dir where those Node binaries are kept (default ~/.cache/nestjs-termii/node).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
/** A command installed by the repository's package.json (`npm ci`). */
const bin = (name) => join(repo, 'node_modules', '.bin', name);

/**
 * Each consumer: the NestJS major whose README install line it runs (with `lowest`: whose lowest version of
 * every peer range it installs instead), and the project folder it is copied from (`from`, default its name).
 */
const CONSUMERS = [
  { name: 'nest11-cjs-jest', nest: 11 },
  { name: 'nest12-esm-jest', nest: 12 },
  { name: 'nest12-cjs-node', nest: 12 },
  { name: 'nest12-fastify-jest', nest: 12 },
  { name: 'lowest-nest11', from: 'nest11-cjs-jest', nest: 11, lowest: true },
  { name: 'lowest-nest12', from: 'nest12-esm-jest', nest: 12, lowest: true },
];
const INSTALL_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline'];
/** The other Node majors the consumers run on. */
const NODE_MAJORS = (process.env.CONSUMER_NODES ?? '22,24,26')
  .split(',')
  .map((major) => major.trim())
  .filter(Boolean)
  .map(Number);
const NODE_RUNTIME_CACHE = process.env.NODE_RUNTIME_CACHE || join(homedir(), '.cache', 'nestjs-termii', 'node');

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

/**
 * The lowest version a range of package.json accepts, of a major at least `fromMajor`: the smallest lower
 * bound of its `||` alternatives, each `^x.y.z`, `~x.y.z`, `>=x.y.z` or `x.y.z`. Any other form throws, so
 * that a new kind of range is looked at rather than guessed.
 */
function lowestOf(range, fromMajor = 0) {
  const bounds = range.split('||').map((part) => {
    const match = /^\s*(?:\^|~|>=)?\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`cannot read the lowest version of the range "${range}"`);
    return match.slice(1, 4).map(Number);
  });
  const candidates = bounds.filter(([major]) => major >= fromMajor);
  if (candidates.length === 0) throw new Error(`the range "${range}" has no version of major ${fromMajor} or more`);
  candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return candidates[0].join('.');
}

/**
 * The lowest version of every peer of the package, for a NestJS `nest` app: the `@nestjs/*` peers at the
 * lowest of their alternatives for that major (NestJS 12's `@nestjs/axios` is 12.x, NestJS 11's 4.x), the
 * others at the lowest of their whole range.
 */
function lowestPeers(nest) {
  const { peerDependencies } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(peerDependencies).map(([name, range]) => [
      name,
      lowestOf(range, name.startsWith('@nestjs/') && nest >= 12 ? nest : 0),
    ]),
  );
}

/** The first line `node --version` prints with this environment, or `undefined` when it cannot run. */
async function nodeVersion(env) {
  return capture('node', ['--version'], { env }).then(
    (out) => out.trim(),
    () => undefined,
  );
}

/**
 * A Node runtime for the consumers: this machine's, or the registry's `node` package of `major`
 * (installed once into NODE_RUNTIME_CACHE), whose folder then comes first on the PATH.
 */
async function nodeRuntime(major) {
  if (major === undefined) return { label: `Node ${process.version} (this machine's)`, env: process.env };
  const dir = join(NODE_RUNTIME_CACHE, `node-${major}`);
  const env = { ...process.env, PATH: `${join(dir, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` };
  let version = await nodeVersion(env);
  if (!version?.startsWith(`v${major}.`)) {
    await step(`install node@${major} into ${dir}`, () =>
      run('npm', ['install', '--prefix', dir, `node@${major}`, ...INSTALL_FLAGS]),
    );
    version = await nodeVersion(env);
  }
  if (!version?.startsWith(`v${major}.`)) throw new Error(`node@${major} from the registry runs as ${version}`);
  return { label: `Node ${version}`, env };
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

/**
 * A `lowest` consumer's install: the tarball, the lowest version of every peer but `@nestjs/terminus`
 * (installed in its own step), and the app's own NestJS packages at the lowest NestJS version, exact.
 */
function lowestInstall(tarball, lowest) {
  const { '@nestjs/terminus': terminus, ...peers } = lowest;
  const nest = lowest['@nestjs/core'];
  const app = { '@nestjs/platform-express': nest, '@nestjs/testing': nest };
  const specs = Object.entries({ ...peers, ...app }).map(([name, version]) => `${name}@${version}`);
  return {
    install: ['npm', 'install', tarball, ...specs, '--save-exact'],
    terminus: `@nestjs/terminus@${terminus}`,
  };
}

/** Fails unless each package in `expected` is installed at exactly that version. */
async function checkInstalled(dir, expected) {
  const wrong = [];
  for (const [name, version] of Object.entries(expected)) {
    const manifest = join(dir, 'node_modules', ...name.split('/'), 'package.json');
    const installed = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : 'none';
    if (installed !== version) wrong.push(`${name}: ${installed}, not ${version}`);
  }
  if (wrong.length) throw new Error(`the lowest versions were not installed:\n  ${wrong.join('\n  ')}`);
  console.log(
    `installed at their lowest: ${Object.entries(expected)
      .map(([n, v]) => `${n}@${v}`)
      .join(', ')}`,
  );
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

    // This machine's Node first, then the others (each installed once, before any consumer runs).
    const runtimes = [await nodeRuntime(undefined)];
    for (const major of NODE_MAJORS) runtimes.push(await nodeRuntime(major));

    for (const consumer of consumers) {
      const dir = join(work, consumer.name);
      cpSync(join(here, consumer.from ?? consumer.name), dir, {
        recursive: true,
        filter: (src) => !/[\\/](node_modules|dist|terminus-dist)$/.test(src),
      });
      const lowest = consumer.lowest ? lowestPeers(consumer.nest) : {};
      const { install, terminus } = consumer.lowest
        ? lowestInstall(tarball, lowest)
        : {
            install: installs.get(consumer.nest).map((word) => (word === 'nestjs-termii' ? tarball : word)),
            terminus: `@nestjs/terminus@^${consumer.nest}`,
          };
      const [npm, ...args] = install;
      await step(`${consumer.name}: ${install.join(' ').replace(tarball, 'nestjs-termii')}`, () =>
        run(npm, [...args, ...INSTALL_FLAGS], { cwd: dir }),
      );
      // @nestjs/terminus comes in its own step, below.
      if (consumer.lowest) {
        await checkInstalled(
          dir,
          Object.fromEntries(Object.entries(lowest).filter(([name]) => name !== '@nestjs/terminus')),
        );
      }
      // @nestjs/terminus is an optional peer: the app builds and runs without it...
      if (existsSync(join(dir, 'node_modules', '@nestjs', 'terminus'))) {
        throw new Error('@nestjs/terminus is installed: the run without it would prove nothing');
      }
      for (const runtime of runtimes) {
        await step(`${consumer.name}: npm test (without @nestjs/terminus) on ${runtime.label}`, () =>
          run('npm', ['test'], { cwd: dir, env: runtime.env }),
        );
      }
      // ...and once installed, the nestjs-termii/terminus entry point resolves and works.
      await step(`${consumer.name}: npm install ${terminus}`, () =>
        run('npm', ['install', terminus, ...(consumer.lowest ? ['--save-exact'] : []), ...INSTALL_FLAGS], {
          cwd: dir,
        }),
      );
      if (consumer.lowest) await checkInstalled(dir, { '@nestjs/terminus': lowest['@nestjs/terminus'] });
      for (const runtime of runtimes) {
        await step(`${consumer.name}: npm run test:terminus on ${runtime.label}`, () =>
          run('npm', ['run', 'test:terminus'], { cwd: dir, env: runtime.env }),
        );
      }
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
