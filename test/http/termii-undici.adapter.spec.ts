/**
 * The module's own transport (`termiiUndiciAdapter` over the client's `TermiiTransport`), through
 * `InAppTokenService` against real loopback servers: what goes on the wire, compressed answers, bodies too
 * large or unreadable to keep, a body cut short, an IPv6 loopback address, and HTTPS.
 */
import 'reflect-metadata';
import axios from 'axios';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import {
  TermiiConnectionError,
  TermiiResponseError,
  TermiiServerError,
  type InAppTokenService,
} from '../../lib/index.js';
import { TermiiAttempt } from '../../lib/http/termii-attempt.js';
import { TermiiTransport } from '../../lib/http/termii-transport.js';
import { MAX_BODY_BYTES, termiiUndiciAdapter } from '../../lib/http/termii-undici.adapter.js';
import { TermiiOptions } from '../../lib/options/termii-options.js';
import { DOCUMENTED_GENERATE_RESPONSE, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

const API_KEY = 'TLadapterTestKey';
const GENERATE = { phoneNumber: '2348109477743' };
const DOCUMENTED_JSON = Buffer.from(JSON.stringify(DOCUMENTED_GENERATE_RESPONSE));
/** Larger than the adapter reads: an HTML page a proxy might send. */
const OVERSIZED_HTML = `<html><body>${'x'.repeat(MAX_BODY_BYTES + 1024)}</body></html>`;

describe('termiiUndiciAdapter (the module transport)', () => {
  let server: ScriptedServer;
  let service: InAppTokenService;
  let close: () => Promise<void>;

  beforeAll(async () => {
    server = await startScriptedServer();
    const { app, service: s } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 2 });
    service = s;
    close = () => app.close();
  });
  afterAll(async () => {
    await close();
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('sends one POST with the JSON body, its byte length, JSON content negotiation and a User-Agent', async () => {
    const token = await service.generate(GENERATE);

    expect(token.pinId).toBe(DOCUMENTED_GENERATE_RESPONSE.data.pin_id);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/sms/otp/generate');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(request.text)));
    expect(request.headers['user-agent']).toBe('nestjs-termii');
    expect(request.json).toEqual({
      api_key: API_KEY,
      pin_type: 'NUMERIC',
      phone_number: GENERATE.phoneNumber,
      pin_attempts: 3,
      pin_time_to_live: 5,
      pin_length: 6,
    });
  });

  it.each([
    ['gzip', gzipSync(DOCUMENTED_JSON)],
    ['x-gzip', gzipSync(DOCUMENTED_JSON)],
    ['deflate', deflateSync(DOCUMENTED_JSON)],
    ['br', brotliCompressSync(DOCUMENTED_JSON)],
  ])('reads a %s-compressed answer', async (encoding, compressed) => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding }).end(compressed);
    });

    const token = await service.generate(GENERATE);

    expect(token).toMatchObject({ pinId: DOCUMENTED_GENERATE_RESPONSE.data.pin_id, otp: '522726' });
  });

  it('maps a body over the size limit by its status: 502 is a server error, sent once', async () => {
    server.handle((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end(OVERSIZED_HTML));

    const error = await service.generate(GENERATE).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TermiiServerError);
    expect(error).toMatchObject({ status: 502, termiiMessage: undefined });
    expect(server.requests).toHaveLength(1);
  });

  it('maps a 200 whose body is over the size limit to a TermiiResponseError', async () => {
    server.handle((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(OVERSIZED_HTML));

    const error = await service.generate(GENERATE).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TermiiResponseError);
    expect(error).toMatchObject({ status: 200 });
  });

  it('stops inflating a compressed body at the size limit (a decompression bomb is a 503, not a crash)', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * MAX_BODY_BYTES));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES / 100);
    server.handle((_req, res) => res.writeHead(503, { 'Content-Encoding': 'gzip' }).end(bomb));

    const error = await service.generate(GENERATE).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TermiiServerError);
    expect(error).toMatchObject({ status: 503 });
  });

  it.each([
    ['does not decompress', 'gzip', DOCUMENTED_JSON],
    ['has an unknown encoding', 'zstd', gzipSync(DOCUMENTED_JSON)],
  ])('maps a 200 whose body %s to a TermiiResponseError', async (_case, encoding, body) => {
    server.handle((_req, res) => res.writeHead(200, { 'Content-Encoding': encoding }).end(body));

    const error = await service.generate(GENERATE).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TermiiResponseError);
    expect(error).toMatchObject({ status: 200, reason: 'not JSON' });
  });

  it('a body cut short is a connection error that may have reached Termii, and is not retried', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write(DOCUMENTED_JSON.subarray(0, 20), () => res.socket?.destroy());
    });

    const error = await service.generate(GENERATE).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TermiiConnectionError);
    expect(error).toMatchObject({ mayHaveReachedTermii: true, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('reaches a server on the IPv6 loopback address', async () => {
    const requests: string[] = [];
    const v6: Server = createServer((req, res) => {
      requests.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(DOCUMENTED_JSON));
    });
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
    const { port } = v6.address() as AddressInfo;
    const { app, service: v6Service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: `http://[::1]:${port}` });
    try {
      const token = await v6Service.generate(GENERATE);
      expect(token.otp).toBe('522726');
      expect(requests).toEqual(['/api/sms/otp/generate']);
    } finally {
      await app.close();
      await new Promise<void>((resolve) => v6.close(() => resolve()));
    }
  });

  it('over HTTPS, as Termii is reached: uses the transport given and marks the attempt connected', async () => {
    // A self-signed pair for localhost and 127.0.0.1, made for these tests only (openssl req -x509, 100 years).
    const tls = new URL('../support/tls/', import.meta.url);
    const cert = readFileSync(new URL('localhost.crt', tls));
    const secure = createHttpsServer({ cert, key: readFileSync(new URL('localhost.key', tls)) }, (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(DOCUMENTED_JSON));
    });
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    const { port } = secure.address() as AddressInfo;
    const options = TermiiOptions.resolve({ apiKey: API_KEY, baseUrl: `https://127.0.0.1:${port}` });
    const trusting = new TermiiTransport(options, { ca: cert });
    const untrusting = new TermiiTransport(options);
    const client = axios.create({ adapter: termiiUndiciAdapter });
    const attempt = new TermiiAttempt();
    try {
      const response = await client.request({
        method: 'POST',
        url: `https://127.0.0.1:${port}/api/sms/otp/generate`,
        data: '{}',
        termiiTransport: trusting,
        termiiAttempt: attempt,
      } as Parameters<typeof client.request>[0]);
      expect(response.status).toBe(200);
      expect(response.data).toEqual(DOCUMENTED_GENERATE_RESPONSE);
      expect(attempt.connected).toBe(true);
      // Without the test's trust anchor the certificate is refused before anything is written.
      const refusedAttempt = new TermiiAttempt();
      const refused = await client
        .request({
          method: 'POST',
          url: `https://127.0.0.1:${port}/`,
          data: '{}',
          termiiTransport: untrusting,
          termiiAttempt: refusedAttempt,
        } as Parameters<typeof client.request>[0])
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(refusedAttempt.connected).toBe(false);
    } finally {
      await Promise.all([trusting.destroy(), untrusting.destroy()]);
      await new Promise<void>((resolve) => secure.close(() => resolve()));
    }
  });
});
