/**
 * `npm start` in a fresh copy of the repository, with no environment variables but PATH (and PORT=0, for a
 * free port): it builds, starts the embedded sandbox, and serves the login flow end to end, driven as a
 * person would drive it — the code read from the app's log — then stops cleanly on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PHONE, TYPED_PHONE } from './support/phone.js';
import { post } from './support/sample-app.js';

const repo = process.cwd();
/** What a fresh clone has and `npm start` may use; never the machine's builds, tests or node_modules. */
const SKIPPED = new Set(['.git', '.tmp', 'node_modules', 'dist', 'dist-sample-app', 'coverage', 'test', 'bench']);
const START_TIMEOUT_MS = 240_000;

/** Collects a child's output, without colours, and resolves when a pattern appears in it. */
class Output {
  text = '';
  private waiters: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];

  add(chunk: Buffer): void {
    this.text += chunk.toString('utf8').replace(/\x1b\[[0-9;]*m/g, '');
    this.waiters = this.waiters.filter(({ pattern, resolve }) => {
      const match = pattern.exec(this.text);
      if (match) resolve(match);
      return !match;
    });
  }

  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const match = pattern.exec(this.text);
    if (match) return Promise.resolve(match);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${pattern} in ${timeoutMs} ms; output:\n${this.text}`)),
        timeoutMs,
      );
      this.waiters.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }
}

describe('npm start with no environment variables', () => {
  let root: string;
  let child: ChildProcess;
  const output = new Output();
  let url: string;

  before(
    async () => {
      await mkdir(join(repo, '.tmp'), { recursive: true });
      // Inside the repository, so that the copy's imports of @nestjs/* resolve from its node_modules.
      root = await mkdtemp(join(repo, '.tmp', 'sample-start-'));
      for (const entry of await readdir(repo)) {
        if (SKIPPED.has(entry)) continue;
        await cp(join(repo, entry), join(root, entry), {
          recursive: true,
          filter: (source) => !source.startsWith(join(repo, 'sample-app', 'test')),
        });
      }
      const npm = process.env['npm_execpath'];
      // detached: the app runs in its own process group, which the test can stop as a whole.
      child = spawn(npm ? process.execPath : 'npm', npm ? [npm, 'start'] : ['start'], {
        cwd: root,
        env: { PATH: process.env['PATH'] ?? '', PORT: '0' },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => output.add(chunk));
      child.stderr!.on('data', (chunk: Buffer) => output.add(chunk));
      const exited = new Promise<never>((_, reject) =>
        child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output.text}`))),
      );
      const [, port] = await Promise.race([
        output.waitFor(/Listening on http:\/\/localhost:(\d+)/, START_TIMEOUT_MS),
        exited,
      ]);
      url = `http://127.0.0.1:${port}`;
    },
    { timeout: START_TIMEOUT_MS + 10_000 },
  );

  after(async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(root, { recursive: true, force: true });
  });

  it('says in one start-up line that it runs on the embedded sandbox', () => {
    const lines = output.text.split('\n').filter((line) => line.includes('embedded nestjs-termii sandbox'));
    assert.equal(lines.length, 1, output.text);
    assert.match(
      lines[0],
      /TERMII_API_KEY is not set: using the embedded nestjs-termii sandbox at http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  it('serves the login: request a code, read it from the log, verify it (a session starts); a second use and a wrong code are refused', async () => {
    const requested = await post(`${url}/auth/otp`, { phoneNumber: TYPED_PHONE });
    assert.equal(requested.status, 201, requested.text);
    const pinId = requested.body['pinId'] as string;
    const [, otp] = await output.waitFor(/Code for 234\*+743: (\w+)/, 5_000);
    assert.ok(!requested.text.includes(otp));

    const wrong = await post(`${url}/auth/otp/verify`, { pinId, pin: otp === '000000' ? '111111' : '000000' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body['reason'], 'invalid');

    const ok = await post(`${url}/auth/otp/verify`, { pinId, pin: otp });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.body, { verified: true, phoneNumber: PHONE });
    // The session it started (signed with the secret made at this start): who is signed in.
    const session = /^(session=[^;]+);/.exec(ok.headers.get('set-cookie') ?? '');
    assert.ok(session, `no session cookie: ${ok.headers.get('set-cookie')}`);
    const me = await fetch(`${url}/auth/me`, { headers: { cookie: session[1] } });
    assert.deepEqual(await me.json(), { phoneNumber: PHONE });

    const again = await post(`${url}/auth/otp/verify`, { pinId, pin: otp });
    assert.equal(again.status, 401);
    assert.equal(again.body['reason'], 'expired');
  });

  it('serves the OpenAPI docs at /docs, describing the login and session routes and /health (not Termii’s webhook, not the page)', async () => {
    const page = await fetch(`${url}/docs`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    await page.text();

    const document = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    assert.deepEqual(Object.keys(document.paths).sort(), [
      '/auth/logout',
      '/auth/me',
      '/auth/otp',
      '/auth/otp/verify',
      '/health',
    ]);
  });

  it('serves the sign-in page at /, its style and its script (copied next to the built app)', async () => {
    for (const [path, type] of [
      ['/', /^text\/html/],
      ['/sign-in.css', /^text\/css/],
      ['/sign-in.js', /^text\/javascript/],
    ] as const) {
      const res = await fetch(`${url}${path}`);
      const body = await res.text();
      assert.equal(res.status, 200, `${path}: ${body}`);
      assert.match(res.headers.get('content-type') ?? '', type, path);
      assert.ok(body.length > 100, `${path} is almost empty`);
    }
  });

  it('stops on SIGTERM: nothing of it is left running', async () => {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    assert.ok(await groupGoneWithin(child.pid!, 10_000), 'a process of npm start is still running');
    await assert.rejects(fetch(url), 'the app still answers');
  });
});

/** Whether every process of the group has ended within `ms`. */
async function groupGoneWithin(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
