/**
 * The `proxy` option against a real forward proxy on loopback, started by the test (the `proxy` package,
 * and a few lines of `node:http` for a proxy that refuses every tunnel): plain HTTP and HTTPS through a
 * CONNECT tunnel, a proxy that needs credentials, a refused tunnel, an unreachable proxy, the proxy
 * environment variables with NO_PROXY, and the proxy's credentials kept out of every error, log line and
 * rendering of the options.
 */
import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { inspect } from 'node:util';
import { createProxy, type ProxyServer } from 'proxy';
import {
  InAppTokenService,
  TERMII_MODULE_OPTIONS,
  TermiiConnectionError,
  TermiiModule,
  type TermiiModuleOptions,
} from '../../lib/index.js';
import { TermiiOptions } from '../../lib/options/termii-options.js';
import { renderingsOf } from '../support/canary.js';
import { CaptureLogger } from '../support/capture-logger.js';
import {
  closedPort,
  DOCUMENTED_GENERATE_RESPONSE,
  reply,
  startScriptedServer,
  type ScriptedServer,
} from '../support/scripted-server.js';
import { useTrustingTransport } from '../support/use-transport.js';

const API_KEY = 'TLproxyTestKey';
const GENERATE = { phoneNumber: '2348109477743' };
/** Proxy credentials no test data or library text could produce by chance. */
const PROXY_USER = 'proxyUserCanary7d1e';
const PROXY_PASSWORD = 'proxyPassCanary-4b9c02f6';
const PROXY_ENV = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/** Closes a server and every connection still open on it. */
function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function listen<S extends Server>(server: S): Promise<S & { port: number }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

/** A real HTTP(S) forward proxy on loopback that records the tunnels asked of it. */
async function startProxy(authenticate?: (req: IncomingMessage) => boolean) {
  const server: ProxyServer = createProxy(createServer());
  if (authenticate) server.authenticate = authenticate;
  const tunnels: string[] = [];
  server.prependListener('connect', (req: IncomingMessage) => tunnels.push(req.url ?? ''));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const { port } = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    /** Client connections to the proxy still open. */
    openConnections: () => sockets.size,
    close: async () => {
      // Tunnelled sockets are no longer the server's: close them too.
      for (const socket of sockets) socket.destroy();
      await closeServer(server);
    },
  };
}

function basicCredentials(req: IncomingMessage): string | undefined {
  const header = req.headers['proxy-authorization'];
  if (typeof header !== 'string' || !header.startsWith('Basic ')) return undefined;
  return Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
}

describe('the proxy option', () => {
  let target: ScriptedServer;
  const apps: INestApplicationContext[] = [];
  const logger = new CaptureLogger();

  async function start(options: Partial<TermiiModuleOptions>): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: target.url, timeoutMs: 5_000, ...options })],
    })
      .setLogger(logger)
      .compile();
    const app = await moduleRef.init();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    target = await startScriptedServer();
  });
  afterAll(() => target.close());
  beforeEach(() => {
    target.requests.length = 0;
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it('sends plain HTTP through the proxy, in a CONNECT tunnel to the base URL', async () => {
    const proxy = await startProxy();
    try {
      const app = await start({ proxy: proxy.url });
      const token = await app.get(InAppTokenService).generate(GENERATE);
      expect(token.otp).toBe(DOCUMENTED_GENERATE_RESPONSE.data.otp);
      expect(target.requests).toHaveLength(1);
      expect(target.requests[0]).toMatchObject({ method: 'POST', path: '/api/sms/otp/generate' });
      expect(proxy.tunnels).toEqual([new URL(target.url).host]);
    } finally {
      await proxy.close();
    }
  });

  it('reaches an HTTPS base URL through a CONNECT tunnel, TLS end to end', async () => {
    // A self-signed pair for localhost and 127.0.0.1, made for these tests only.
    const tls = new URL('../support/tls/', import.meta.url);
    const cert = readFileSync(new URL('localhost.crt', tls));
    const paths: string[] = [];
    const secure = await listen(
      createHttpsServer({ cert, key: readFileSync(new URL('localhost.key', tls)) }, (req, res) => {
        paths.push(req.url ?? '');
        req.resume();
        req.on('end', () =>
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(DOCUMENTED_GENERATE_RESPONSE)),
        );
      }),
    );
    const proxy = await startProxy();
    const app = await start({ baseUrl: `https://127.0.0.1:${secure.port}`, proxy: proxy.url });
    // The module's own transport refuses the test's self-signed certificate, as it must...
    const refused = await app
      .get(InAppTokenService)
      .generate(GENERATE)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TermiiConnectionError);
    expect(refused).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', mayHaveReachedTermii: false });
    expect(paths).toEqual([]);
    // ...and the same transport, built from the same options, with the test's trust anchor added, gets through.
    const transport = useTrustingTransport(app, { ca: cert });
    try {
      proxy.tunnels.length = 0;
      const token = await app.get(InAppTokenService).generate(GENERATE);
      expect(token.otp).toBe(DOCUMENTED_GENERATE_RESPONSE.data.otp);
      expect(paths).toEqual(['/api/sms/otp/generate']);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${secure.port}`]);
    } finally {
      await transport.destroy();
      await proxy.close();
      await closeServer(secure);
    }
  });

  describe('a proxy that needs credentials', () => {
    let proxy: Awaited<ReturnType<typeof startProxy>>;
    beforeAll(async () => {
      proxy = await startProxy((req) => basicCredentials(req) === `${PROXY_USER}:${PROXY_PASSWORD}`);
    });
    afterAll(() => proxy.close());
    beforeEach(() => {
      proxy.tunnels.length = 0;
      logger.lines.length = 0;
    });

    const withCredentials = (user: string, password: string) => {
      const url = new URL(proxy.url);
      url.username = user;
      url.password = password;
      return url.origin.replace('//', `//${url.username}:${url.password}@`);
    };

    it('lets the call through with the right credentials from the URL', async () => {
      const app = await start({ proxy: withCredentials(PROXY_USER, PROXY_PASSWORD) });
      const token = await app.get(InAppTokenService).generate(GENERATE);
      expect(token.otp).toBe(DOCUMENTED_GENERATE_RESPONSE.data.otp);
      expect(target.requests).toHaveLength(1);
      // The credentials are for the proxy only: Termii never sees them.
      expect(target.requests[0].headers['proxy-authorization']).toBeUndefined();
      expect(JSON.stringify(target.requests[0].headers)).not.toContain(PROXY_PASSWORD);
    });

    it.each([
      ['wrong credentials', () => withCredentials(PROXY_USER, `${PROXY_PASSWORD}-wrong`)],
      ['no credentials', () => proxy.url],
    ])('with %s: a TermiiConnectionError (EPROXYAUTH), Termii not reached, not retried', async (_name, url) => {
      const app = await start({ proxy: url(), maxRetries: 2 });
      const error = await app
        .get(InAppTokenService)
        .generate(GENERATE)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiConnectionError);
      expect(error).toMatchObject({ code: 'EPROXYAUTH', mayHaveReachedTermii: false, attempts: 1 });
      expect(proxy.tunnels).toHaveLength(1);
      expect(target.requests).toHaveLength(0);
    });

    it('canary search: the proxy credentials are in no error, log line, nor rendering of the options', async () => {
      const secretUrl = withCredentials(PROXY_USER, PROXY_PASSWORD);
      const rendered: string[] = [];
      // A failing call (wrong password, the user name still a canary), logged at the most verbose level.
      const failing = await start({ proxy: withCredentials(PROXY_USER, `${PROXY_PASSWORD}x`), maxRetries: 1 });
      rendered.push(
        ...renderingsOf(
          await failing
            .get(InAppTokenService)
            .generate(GENERATE)
            .catch((e: unknown) => e),
        ),
      );
      // The options as the app holds them, both ways a log or a debugger shows them.
      const app = await start({ proxy: secretUrl });
      for (const options of [
        app.get(TermiiOptions, { strict: false }),
        app.get(TERMII_MODULE_OPTIONS, { strict: false }),
      ]) {
        rendered.push(inspect(options, { depth: null, showHidden: true }), JSON.stringify(options));
      }
      // An invalid proxy URL that holds credentials.
      for (const invalid of [`${secretUrl}/path`, secretUrl.replace('http:', 'ftp:')]) {
        rendered.push(...renderingsOf(captureThrown(() => TermiiOptions.resolve({ apiKey: API_KEY, proxy: invalid }))));
      }
      rendered.push(...logger.lines.map((line) => line.text));

      expect(logger.lines.some((line) => line.text.includes('EPROXYAUTH'))).toBe(true);
      expect(rendered.join('\n')).toContain('[REDACTED]@127.0.0.1');
      expect(rendered.filter((text) => text.includes(PROXY_PASSWORD) || text.includes(PROXY_USER))).toEqual([]);
    });
  });

  it('a proxy that refuses the tunnel: a TermiiConnectionError (EPROXYREFUSED), Termii not reached, not retried', async () => {
    const asked: string[] = [];
    const refusing = await listen(createServer());
    refusing.on('connect', (req: IncomingMessage, socket: Socket) => {
      asked.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    });
    try {
      const app = await start({ proxy: `http://127.0.0.1:${refusing.port}`, maxRetries: 2 });
      const error = await app
        .get(InAppTokenService)
        .verify({ pinId: 'p', pin: '1234' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiConnectionError);
      expect(error).toMatchObject({ code: 'EPROXYREFUSED', mayHaveReachedTermii: false, attempts: 1 });
      expect((error as Error).message).toContain('EPROXYREFUSED');
      expect(asked).toEqual([new URL(target.url).host]);
      expect(target.requests).toHaveLength(0);
    } finally {
      await closeServer(refusing);
    }
  });

  it('an unreachable proxy is a refused connection: retried, Termii not reached', async () => {
    const app = await start({ proxy: `http://127.0.0.1:${await closedPort()}`, maxRetries: 1 });
    const error = await app
      .get(InAppTokenService)
      .generate(GENERATE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', mayHaveReachedTermii: false, attempts: 2 });
    expect(target.requests).toHaveLength(0);
  });

  it('closing the app ends a call in flight through the proxy and closes every connection to the proxy', async () => {
    const proxy = await startProxy();
    // Answers generate, never verify: one kept-alive tunnel left idle, one with a call in flight.
    const silent = await startScriptedServer((req, res) => {
      if (req.path === '/api/sms/otp/generate') reply(res, 200, DOCUMENTED_GENERATE_RESPONSE);
    });
    try {
      const app = await start({ baseUrl: silent.url, proxy: proxy.url, timeoutMs: 30_000 });
      await app.get(InAppTokenService).generate(GENERATE);
      const call = app
        .get(InAppTokenService)
        .verify({ pinId: 'p', pin: '1234' })
        .catch((e: unknown) => e);
      while (silent.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(proxy.openConnections()).toBe(2);

      const started = Date.now();
      await app.close();
      apps.splice(apps.indexOf(app), 1);
      const error = await call;
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(TermiiConnectionError);
      expect(error).toMatchObject({ code: 'ECLIENTCLOSED' });
      // The proxy sees its client's socket close (polled: on a busy machine the close takes a moment).
      for (const polled = Date.now(); proxy.openConnections() > 0 && Date.now() - polled < 1_500;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(proxy.openConnections()).toBe(0);
    } finally {
      await silent.close();
      await proxy.close();
    }
  });

  describe("'env': the proxy environment variables", () => {
    let saved: Record<string, string | undefined>;
    let proxy: Awaited<ReturnType<typeof startProxy>>;
    beforeAll(async () => {
      proxy = await startProxy();
    });
    afterAll(() => proxy.close());
    beforeEach(() => {
      saved = Object.fromEntries(PROXY_ENV.map((name) => [name, process.env[name]]));
      for (const name of PROXY_ENV) delete process.env[name];
      proxy.tunnels.length = 0;
    });
    afterEach(() => {
      for (const name of PROXY_ENV) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('goes through HTTP_PROXY for an http: base URL', async () => {
      process.env.HTTP_PROXY = proxy.url;
      const app = await start({ proxy: 'env' });
      await app.get(InAppTokenService).generate(GENERATE);
      expect(proxy.tunnels).toEqual([new URL(target.url).host]);
      expect(target.requests).toHaveLength(1);
    });

    it('goes direct to a host listed in NO_PROXY', async () => {
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = 'example.com, 127.0.0.1';
      const app = await start({ proxy: 'env' });
      await app.get(InAppTokenService).generate(GENERATE);
      expect(proxy.tunnels).toEqual([]);
      expect(target.requests).toHaveLength(1);
    });

    it('without the option, the environment is not read: direct', async () => {
      process.env.HTTP_PROXY = proxy.url;
      const app = await start({});
      await app.get(InAppTokenService).generate(GENERATE);
      expect(proxy.tunnels).toEqual([]);
      expect(target.requests).toHaveLength(1);
    });
  });
});

function captureThrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
