/**
 * The Termii sandbox in its own Node process, for load and soak tests: the process under test then holds
 * only the client side, so its heap and handles are the module's alone.
 *
 * Works on a clean clone without `dist/`: every file of `lib/` is transpiled (TypeScript's
 * `transpileModule`, no type-check, about a second) into a private folder under `.tmp/` (ignored by git),
 * and a small ESM launcher imports the sandbox from there. Inside the repository, so that the launcher's
 * imports of `@nestjs/*` resolve from its `node_modules`; the repository's `"type": "module"` makes the
 * emitted `.js` files ESM.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const repo = process.cwd();

/** What the launcher answers to `stats`. */
export interface SandboxProcessStats {
  /** Requests received per operation path (`generate`, `verify`, or `other`). */
  requests: Record<string, number>;
  /** Requests that got an injected fault, per fault kind. */
  faults: Record<string, number>;
  /** PINs the emulator holds (bounded by its cap). */
  storedPins: number;
  /** Faulted requests still queued. */
  pendingFaults: number;
}

export interface SandboxProcess {
  url: string;
  pid: number;
  /** Queues `faults` in order, one request each (`null` = a normal answer), like `sandbox.fail` does. */
  queueFaults(faults: unknown[]): Promise<void>;
  stats(): Promise<SandboxProcessStats>;
  /** Forgets PINs, requests, faults and counters. */
  reset(): Promise<void>;
  /** Closes the sandbox and waits for the process to exit. */
  close(): Promise<void>;
}

const LAUNCHER = `
import { startTermiiSandbox, TermiiFaults } from './lib/sandbox/index.js';

const sandbox = await startTermiiSandbox({ host: '127.0.0.1', port: 0 });
let requests = {};
let faults = {};
// Count what arrives from the wire, before the emulator: the counter cannot miss a faulted request.
sandbox.server?.prependListener?.('request', (req) => {
  const op = req.url.endsWith('/generate') ? 'generate' : req.url.endsWith('/verify') ? 'verify' : 'other';
  requests[op] = (requests[op] ?? 0) + 1;
});
const answer = (id, value) => process.send({ id, value });
process.on('message', async ({ id, cmd, args }) => {
  switch (cmd) {
    case 'queue':
      for (const fault of args) {
        // A normal answer in the queue: a zero delay processes the request as Termii would.
        sandbox.fail(fault ?? TermiiFaults.delay(0));
        if (fault) faults[fault.kind + (fault.status ? ' ' + fault.status : '')] = (faults[fault.kind + (fault.status ? ' ' + fault.status : '')] ?? 0) + 1;
      }
      return answer(id, null);
    case 'stats':
      return answer(id, { requests, faults, storedPins: sandbox.emulator.storedPinCount, pendingFaults: sandbox.emulator.pendingFaults });
    case 'reset':
      sandbox.reset();
      requests = {};
      faults = {};
      return answer(id, null);
    case 'close':
      await sandbox.close();
      answer(id, null);
      process.disconnect();
      return;
  }
});
process.send({ ready: sandbox.url });
`;

async function tsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await tsFiles(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

/** Transpiles `lib/` into a fresh folder under `.tmp/` and returns it. */
async function transpileLib(): Promise<string> {
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  await mkdir(join(repo, '.tmp'), { recursive: true });
  const root = await mkdtemp(join(repo, '.tmp', 'reliability-sandbox-'));
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    useDefineForClassFields: false,
  };
  for (const file of await tsFiles(join(repo, 'lib'))) {
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), { compilerOptions, fileName: file });
    const target = join(root, relative(repo, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  await writeFile(join(root, 'launcher.mjs'), LAUNCHER);
  return root;
}

/** Starts the sandbox in a child process on 127.0.0.1 and a free port. */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const root = await transpileLib();
  const child: ChildProcess = fork(join(root, 'launcher.mjs'), [], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox process exited early with ${code}`)));
    child.on('message', (message: { ready?: string; id?: number; value?: unknown }) => {
      if (message.ready) resolve(message.ready);
      else if (message.id !== undefined) {
        pending.get(message.id)?.(message.value);
        pending.delete(message.id);
      }
    });
  });
  const call = <T>(cmd: string, args?: unknown): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (value: unknown) => void);
      child.send({ id, cmd, args });
    });
  return {
    url,
    pid: child.pid!,
    queueFaults: (faults) => call('queue', faults),
    stats: () => call('stats'),
    reset: () => call('reset'),
    close: async () => {
      if (child.exitCode === null && child.connected) await call('close');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      await rm(root, { recursive: true, force: true });
    },
  };
}
