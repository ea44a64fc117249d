import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';

/** A password for the test's Redis, which must never reach a log line. */
export const REDIS_PASSWORD = 'redis-canary-7d41e0b9';

/**
 * Why the Redis suites are skipped on this machine, or `false` to run them. With `REQUIRE_REDIS=1` (as in
 * `.ci/run`) they always run, and a missing `redis-server` fails them instead of skipping them.
 */
export const redisSkipReason: string | false =
  process.env['REQUIRE_REDIS'] === '1' || hasRedisServer()
    ? false
    : 'no redis-server on PATH (install the redis-server package to run these; REQUIRE_REDIS=1 turns this skip into a failure)';

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** A `redis-server` the test started on a free loopback port, with a password and no persistence. */
export interface RunningRedis {
  port: number;
  /** `redis://:PASSWORD@127.0.0.1:PORT` */
  url: string;
  /** Stops the server (an outage); `start()` brings it back on the same port, empty. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

/** Starts `redis-server` on a free loopback port; `stop()` it in `after`. */
export async function startRedisServer(): Promise<RunningRedis> {
  if (!hasRedisServer()) {
    throw new Error(
      'REQUIRE_REDIS=1 but there is no redis-server on PATH: install it (apt-get install -y redis-server)',
    );
  }
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: RunningRedis = {
    port,
    url: `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}`,
    async start() {
      child = await spawnRedis(port);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      await exited;
    },
  };
  await redis.start();
  return redis;
}

function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--requirepass',
      REDIS_PASSWORD,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} ${reason}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`not ready in ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.once('error', (error) =>
      fail(
        `could not start (${error.message}${'code' in error && error.code === 'ENOENT' ? ': is the redis-server package installed?' : ''})`,
      ),
    );
    child.once('exit', (code) => fail(`exited with ${code}`));
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      // Keep draining its output, unread, so that it never blocks on a full pipe.
      child.stdout.off('data', onData).resume();
      resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  });
}
