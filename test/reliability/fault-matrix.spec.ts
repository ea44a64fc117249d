/**
 * The fault matrix: every way Termii (or the network, or a proxy in front of Termii) can fail, for every
 * operation: `generate`, `verify`, `send`, `sendVoice`, `call`, `sendEmail`, the messages (`sendMessage`,
 * `sendBulkMessage`, `sendMessageFromNumber`, `sendTemplate`), `requestSenderId`, the campaign writes
 * `sendCampaign` and `uploadContacts` (multipart), and the reads `getBalance`, `listSenderIds`,
 * `searchNumber`, `getNumberStatus`, `getHistory` and `listPhonebooks`. A bulk send's failure is a
 * `TermiiBulkSendError` whose `cause` is the batch's error, checked as the other sends' errors are. For each row
 * and operation: the error class and its fields, how many requests the server saw (exactly 1, or 0 when the
 * row never reaches a server; a read is retried after a timeout, a reset or a 502/503/504,
 * so those rows see maxRetries + 1), the time to settle (within
 * timeoutMs × (maxRetries + 1) + the longest backoff + a margin), and a message under 300 characters.
 *
 * The canary search runs over the whole matrix: the API key is a distinctive canary, and no error
 * rendering (message, stack, String, JSON, util.inspect with hidden fields, down the cause chain) nor any
 * line the module logs at its most verbose level contains it — also in the rows where the server echoes
 * the request body, key included, back inside its error.
 *
 * Connect timeout without leaving loopback: the row points at a listener that never accepts
 * (`startNeverAcceptingServer`: its queue is full, so the kernel drops the SYN and the connect waits),
 * which is what a firewall that drops packets, or a host that is down, looks like to the client.
 *
 * DNS failure without DNS traffic: the row points at `localhost` and replaces the resolver of the app's
 * requests (`replaceResolver`) with one that fails as getaddrinfo does (`ENOTFOUND`). The request path is
 * the real one from the socket up; only the resolver's answer is made up. Had the replacement not taken,
 * `localhost` would resolve locally to the sandbox, which would answer and fail the row: no query ever
 * leaves the machine.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import {
  CampaignService,
  ContactService,
  InAppTokenService,
  InsightsService,
  PhonebookService,
  MessagingService,
  SenderIdService,
  TermiiApiError,
  TermiiBulkSendError,
  TermiiAuthenticationError,
  TermiiConnectionError,
  TermiiError,
  TermiiInsufficientBalanceError,
  TermiiModule,
  TermiiRateLimitError,
  TermiiResponseError,
  TermiiServerError,
  TermiiTimeoutError,
  TokenService,
} from 'nestjs-termii';
import { startTermiiSandbox, TermiiFaults, type TermiiFault, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { leaksOf } from '../support/canary.js';
import { CaptureLogger } from '../support/capture-logger.js';
import { startNeverAcceptingServer, type NeverAcceptingServer } from '../support/never-accepting-server.js';
import { replaceResolver } from '../support/replace-resolver.js';
import {
  closedPort,
  reply,
  startScriptedServer,
  type ScriptedHandler,
  type ScriptedServer,
} from '../support/scripted-server.js';

declare module 'expect' {
  interface AsymmetricMatchers {
    toBeWithin(min: number, max: number): void;
  }
}
expect.extend({
  toBeWithin(received: unknown, min: number, max: number) {
    const pass = typeof received === 'number' && received >= min && received < max;
    return { pass, message: () => `expected ${String(received)} to be within [${min}, ${max})` };
  },
});

const CANARY = 'TLmatrixCanary-3f8a61c0e9d2';
const TIMEOUT_MS = 300;
const MAX_RETRIES = 2;
/** The longest total backoff before the last retry: 100 ms, then 200 ms (exponential, jitter below the step). */
const MAX_BACKOFF_MS = 100 + 200;
/** The machine is shared and busy: generous. */
const MARGIN_MS = 1_500;
const SETTLE_BOUND_MS = TIMEOUT_MS * (MAX_RETRIES + 1) + MAX_BACKOFF_MS + MARGIN_MS;

const SENDS = ['generate', 'verify', 'send', 'sendVoice', 'call', 'sendEmail'] as const;
/** The sends, each with its outcome per row; a read (`READS`) ends as `generate` does, after its retries. */
type Send = (typeof SENDS)[number];
/** Campaign operations: two writes that end as `call` does. */
const CAMPAIGN_WRITES = ['sendCampaign', 'uploadContacts'] as const;
/** Writes of the other products: each ends as `send` does (one request, never retried once connected). */
const OTHER_WRITES = [
  'sendMessage',
  'sendBulkMessage',
  'sendMessageFromNumber',
  'sendTemplate',
  'requestSenderId',
] as const;
/** Reads: each ends as `getBalance` does (retried after a timeout, a reset or a 502/503/504). */
const READS = [
  'getBalance',
  'listSenderIds',
  'searchNumber',
  'getNumberStatus',
  'getHistory',
  'listPhonebooks',
] as const;
const OPERATIONS = [...SENDS, ...OTHER_WRITES, ...CAMPAIGN_WRITES, ...READS] as const;
type Operation = (typeof OPERATIONS)[number];
const isRead = (operation: Operation): boolean => (READS as readonly string[]).includes(operation);
type ErrorClass = abstract new (...args: never[]) => TermiiError;
/** What a call must end with: an error of exactly this class (with these fields), or a resolved value. */
type Outcome = { error: ErrorClass; fields?: Record<string, unknown> } | { resolves: Record<string, unknown> };

/** How a row makes the failure happen. */
type Source =
  | { fault: () => TermiiFault }
  | { echo: ScriptedHandler }
  | { refused: true }
  | { dns: string }
  | { silentTcp: true }
  | { neverAccepts: true };

type Row = {
  name: string;
  source: Source;
  /** Whether the request reaches a server (then it must be seen exactly once). */
  reached: boolean;
} & Record<Send, Outcome>;

/** The same outcome for every operation. */
const all = (outcome: Outcome) =>
  Object.fromEntries(SENDS.map((operation) => [operation, outcome])) as Record<Send, Outcome>;
const server = (status: number, extra: Record<string, unknown> = {}): Outcome => ({
  error: TermiiServerError,
  fields: { status, ...extra },
});
const badBody = (status = 200): Outcome => ({ error: TermiiResponseError, fields: { status } });
const timeout: Outcome = {
  error: TermiiTimeoutError,
  fields: { phase: 'response', attempts: 1, timeoutMs: TIMEOUT_MS },
};
const notFound: Outcome = { resolves: { verified: false, status: 'not_found' } };
const ONE_MB_HTML = `<!DOCTYPE html><html><body>${'<p>Service unavailable</p>'.repeat(Math.ceil((1024 * 1024) / 26))}</body></html>`;
const JSON_500 = { message: 'Internal Server Error' };

/** The server echoes what it received — the API key included — in its error, as some proxies and debug pages do. */
const echoJson =
  (status: number, headers: Record<string, string> = {}): ScriptedHandler =>
  (req, res) =>
    reply(
      res,
      status,
      {
        message: `Request rejected: ${req.text}`,
        request: req.json,
        api_key: (req.json as { api_key?: string })?.api_key,
      },
      headers,
    );
const echoHtml =
  (status: number): ScriptedHandler =>
  (req, res) =>
    reply(res, status, `<html><body><pre>${req.text}</pre></body></html>`);

const rows: Row[] = [
  {
    name: 'connection refused',
    source: { refused: true },
    reached: false,
    ...all({
      error: TermiiConnectionError,
      fields: { code: 'ECONNREFUSED', mayHaveReachedTermii: false, attempts: MAX_RETRIES + 1 },
    }),
  },
  {
    name: 'DNS failure (ENOTFOUND)',
    source: { dns: 'ENOTFOUND' },
    reached: false,
    ...all({
      error: TermiiConnectionError,
      fields: { code: 'ENOTFOUND', mayHaveReachedTermii: false, attempts: MAX_RETRIES + 1 },
    }),
  },
  {
    name: 'DNS failure (EAI_AGAIN, resolver unreachable)',
    source: { dns: 'EAI_AGAIN' },
    reached: false,
    ...all({
      error: TermiiConnectionError,
      fields: { code: 'EAI_AGAIN', mayHaveReachedTermii: false, attempts: MAX_RETRIES + 1 },
    }),
  },
  {
    // Not connected, so not sent: every operation (sends included) is retried, each attempt timing out.
    name: 'never accepts the connection (connect timeout)',
    source: { neverAccepts: true },
    reached: false,
    ...all({
      error: TermiiTimeoutError,
      fields: { phase: 'connect', attempts: MAX_RETRIES + 1, timeoutMs: TIMEOUT_MS },
    }),
  },
  {
    name: 'accepts the connection, never reads nor answers',
    source: { silentTcp: true },
    reached: true,
    ...all(timeout),
  },
  {
    name: 'reads the request, never answers',
    source: { fault: () => TermiiFaults.hang() },
    reached: true,
    ...all(timeout),
  },
  {
    name: 'answers the headers, then stalls the body',
    source: { fault: () => TermiiFaults.stall() },
    reached: true,
    ...all(timeout),
  },
  {
    name: 'resets after reading the body',
    source: { fault: () => TermiiFaults.drop() },
    reached: true,
    ...all({ error: TermiiConnectionError, fields: { code: 'ECONNRESET', mayHaveReachedTermii: true, attempts: 1 } }),
  },
  {
    name: '500 with JSON',
    source: { fault: () => TermiiFaults.status(500, JSON_500) },
    reached: true,
    ...all(server(500, { termiiMessage: 'Internal Server Error' })),
  },
  {
    name: '502 with JSON',
    source: { fault: () => TermiiFaults.status(502, { message: 'Bad Gateway' }) },
    reached: true,
    ...all(server(502, { termiiMessage: 'Bad Gateway' })),
  },
  {
    name: '503 with JSON',
    source: { fault: () => TermiiFaults.status(503, { message: 'Service temporarily unavailable' }) },
    reached: true,
    ...all(server(503, { termiiMessage: 'Service temporarily unavailable' })),
  },
  {
    name: '500 with an HTML page',
    source: { fault: () => TermiiFaults.html(500) },
    reached: true,
    ...all(server(500, { termiiMessage: undefined })),
  },
  {
    name: '502 with an HTML page',
    source: { fault: () => TermiiFaults.html(502) },
    reached: true,
    ...all(server(502, { termiiMessage: undefined })),
  },
  {
    name: '503 with an HTML page',
    source: { fault: () => TermiiFaults.html(503) },
    reached: true,
    ...all(server(503, { termiiMessage: undefined })),
  },
  {
    name: '500 with an empty body',
    source: { fault: () => TermiiFaults.empty(500) },
    reached: true,
    ...all(server(500, { termiiMessage: undefined })),
  },
  {
    name: '502 with an empty body',
    source: { fault: () => TermiiFaults.empty(502) },
    reached: true,
    ...all(server(502, { termiiMessage: undefined })),
  },
  {
    name: '503 with an empty body',
    source: { fault: () => TermiiFaults.empty(503) },
    reached: true,
    ...all(server(503, { termiiMessage: undefined })),
  },
  {
    name: '502 with a 1 MB HTML page',
    source: { fault: () => TermiiFaults.html(502, ONE_MB_HTML) },
    reached: true,
    ...all(server(502, { termiiMessage: undefined })),
  },
  {
    name: '200 with a 1 MB HTML page',
    source: { fault: () => TermiiFaults.html(200, ONE_MB_HTML) },
    reached: true,
    ...all(badBody()),
  },
  {
    name: '2xx with invalid JSON',
    source: { fault: () => TermiiFaults.invalidJson() },
    reached: true,
    ...all(badBody()),
  },
  {
    name: '201 with invalid JSON',
    source: { fault: () => TermiiFaults.invalidJson(201) },
    reached: true,
    ...all(badBody(201)),
  },
  {
    name: '2xx with the wrong shape',
    source: { fault: () => TermiiFaults.wrongShape() },
    reached: true,
    ...all(badBody()),
  },
  {
    name: '2xx with a JSON array',
    source: { fault: () => TermiiFaults.wrongShape(200, [{ pin_id: 'x', otp: '1234' }]) },
    reached: true,
    ...all(badBody()),
  },
  {
    name: '2xx with data of the wrong types',
    source: {
      fault: () => TermiiFaults.wrongShape(200, { data: { pin_id: 42, otp: 1234 }, pinId: 42, verified: 'maybe' }),
    },
    reached: true,
    ...all(badBody()),
  },
  {
    name: '401',
    source: { fault: () => TermiiFaults.unauthorized() },
    reached: true,
    ...all({ error: TermiiAuthenticationError, fields: { status: 401, termiiMessage: 'Unauthorized' } }),
  },
  {
    name: '403',
    source: { fault: () => TermiiFaults.status(403, { message: 'Your account is not active' }) },
    reached: true,
    ...all({ error: TermiiAuthenticationError, fields: { status: 403, termiiMessage: 'Your account is not active' } }),
  },
  {
    name: '422',
    source: { fault: () => TermiiFaults.status(422, { message: 'Unprocessable' }) },
    reached: true,
    ...all({ error: TermiiApiError, fields: { status: 422, termiiMessage: 'Unprocessable' } }),
    verify: notFound,
  },
  {
    name: '400 "Insufficient balance"',
    source: { fault: () => TermiiFaults.status(400, { message: 'Insufficient balance' }) },
    reached: true,
    ...all({ error: TermiiInsufficientBalanceError, fields: { status: 400, termiiMessage: 'Insufficient balance' } }),
  },
  {
    name: '429 with Retry-After in seconds',
    source: { fault: () => TermiiFaults.rateLimited(17) },
    reached: true,
    ...all({ error: TermiiRateLimitError, fields: { status: 429, retryAfterMs: 17_000 } }),
  },
  {
    name: '429 with Retry-After as an HTTP date',
    source: { fault: () => TermiiFaults.rateLimited(new Date(Date.now() + 30_000).toUTCString()) },
    reached: true,
    ...all({ error: TermiiRateLimitError, fields: { status: 429, retryAfterMs: expect.toBeWithin(20_000, 30_001) } }),
  },
  // The same failures, with the request body (key included) echoed back in the answer.
  {
    name: 'echo: 400 JSON',
    source: { echo: echoJson(400) },
    reached: true,
    ...all({ error: TermiiApiError, fields: { status: 400 } }),
  },
  {
    name: 'echo: 401 JSON',
    source: { echo: echoJson(401) },
    reached: true,
    ...all({ error: TermiiAuthenticationError, fields: { status: 401 } }),
  },
  {
    name: 'echo: 403 JSON',
    source: { echo: echoJson(403) },
    reached: true,
    ...all({ error: TermiiAuthenticationError, fields: { status: 403 } }),
  },
  {
    name: 'echo: 422 JSON',
    source: { echo: echoJson(422) },
    reached: true,
    ...all({ error: TermiiApiError, fields: { status: 422 } }),
    verify: notFound,
  },
  {
    name: 'echo: 429 JSON',
    source: { echo: echoJson(429, { 'Retry-After': '5' }) },
    reached: true,
    ...all({ error: TermiiRateLimitError, fields: { status: 429, retryAfterMs: 5_000 } }),
  },
  { name: 'echo: 500 JSON', source: { echo: echoJson(500) }, reached: true, ...all(server(500)) },
  {
    name: 'echo: 502 HTML',
    source: { echo: echoHtml(502) },
    reached: true,
    ...all(server(502, { termiiMessage: undefined })),
  },
  { name: 'echo: 200 HTML', source: { echo: echoHtml(200) }, reached: true, ...all(badBody()) },
  {
    name: 'echo: 200 wrong shape',
    source: { echo: (req, res) => reply(res, 200, { status: 'success', echo: req.json, text: req.text }) },
    reached: true,
    ...all(badBody()),
  },
  {
    name: 'echo: 200 invalid JSON',
    source: { echo: (req, res) => reply(res, 200, `{"echo": ${req.text}`, { 'Content-Type': 'application/json' }) },
    reached: true,
    ...all(badBody()),
  },
  {
    name: 'echo: 500 JSON message of 5 000 characters',
    source: { echo: (req, res) => reply(res, 500, { message: `${req.text} `.repeat(40) }) },
    reached: true,
    ...all(server(500)),
  },
];

const CALLS: Record<Operation, (app: INestApplicationContext) => Promise<unknown>> = {
  generate: (app) => app.get(InAppTokenService).generate({ phoneNumber: '2348109477743' }),
  verify: (app) => app.get(InAppTokenService).verify({ pinId: 'c8dcd048-5e7f-4347-8c89-4470c3af0b', pin: '123456' }),
  send: (app) => app.get(TokenService).send({ phoneNumber: '2348109477743', messageText: 'Your code: < 1234 >' }),
  sendVoice: (app) => app.get(TokenService).sendVoice({ phoneNumber: '2348109477743' }),
  call: (app) => app.get(TokenService).call({ phoneNumber: '2348109477743', code: '482193' }),
  sendEmail: (app) => app.get(TokenService).sendEmail({ emailAddress: 'ada@example.com', code: '482193' }),
  getBalance: (app) => app.get(InsightsService).getBalance(),
  sendMessage: (app) => app.get(MessagingService).send({ to: '2348109477743', text: 'Your order has shipped' }),
  sendBulkMessage: (app) =>
    app.get(MessagingService).sendBulk({ to: ['2348109477743', '2348031234567'], text: 'Flash sale' }),
  sendMessageFromNumber: (app) =>
    app.get(MessagingService).sendFromNumber({ to: '2348109477743', text: 'Your ride is here' }),
  sendTemplate: (app) =>
    app
      .get(MessagingService)
      .sendTemplate({ phoneNumber: '2348109477743', deviceId: 'dev-1', templateId: 'tpl-1', data: { name: 'Ada' } }),
  listSenderIds: (app) => app.get(SenderIdService).list(),
  requestSenderId: (app) =>
    app.get(SenderIdService).request({ senderId: 'Acme', useCase: 'Your Acme code is 1234', company: 'Acme Ltd' }),
  searchNumber: (app) => app.get(InsightsService).searchNumber('2348109477743'),
  getNumberStatus: (app) =>
    app.get(InsightsService).getNumberStatus({ phoneNumber: '2348109477743', countryCode: 'NG' }),
  getHistory: (app) => app.get(InsightsService).getHistory({ messageId: '3017544054459083819856413' }),
  sendCampaign: (app) =>
    app.get(CampaignService).send({
      phonebookId: 'pb-1',
      senderId: 'Acme',
      message: 'Doors open at 9',
      channel: 'dnd',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
    }),
  uploadContacts: (app) =>
    app.get(ContactService).upload('pb-1', { csv: 'phone_number\n2348109477743\n', countryCode: '234' }),
  listPhonebooks: (app) => app.get(PhonebookService).list(),
};
/** What `send` and `sendEmail` need from the module, so that every operation really sends. */
const TOKEN_DEFAULTS = { senderId: 'Acme', emailConfigurationId: 'cfg-1' };

/**
 * Whether a read retries after this outcome of a send: a timeout or a reset after connecting, or a 502/503/504.
 * The read then ends the same way after maxRetries + 1 attempts.
 */
function retriedByRead(outcome: Outcome): boolean {
  if (!('error' in outcome)) return false;
  const fields = outcome.fields ?? {};
  if (outcome.error === TermiiTimeoutError) return fields.phase === 'response';
  if (outcome.error === TermiiConnectionError) return fields.mayHaveReachedTermii === true;
  return outcome.error === TermiiServerError && [502, 503, 504].includes(fields.status as number);
}

/** What `operation` must end with in `row`: a read ends as `generate` does, after its retries. */
function expectedOutcome(row: Row, operation: Operation): Outcome {
  if (operation === 'sendCampaign' || operation === 'uploadContacts') return row.call;
  if ((OTHER_WRITES as readonly string[]).includes(operation)) return row.send;
  if (!isRead(operation)) return row[operation as Send];
  const outcome = row.generate;
  if (!retriedByRead(outcome) || !('error' in outcome)) return outcome;
  const fields = { ...outcome.fields };
  if ('attempts' in fields) fields.attempts = MAX_RETRIES + 1;
  return { error: outcome.error, fields };
}

describe('the fault matrix', () => {
  let sandbox: TermiiSandbox;
  let echo: ScriptedServer;
  let silent: TcpServer;
  let neverAccepting: NeverAcceptingServer;
  /** Connections on which a request arrived. */
  let silentConnections = 0;
  const silentSockets = new Set<Socket>();
  const logger = new CaptureLogger();
  /** Every error the matrix produced, for the canary search at the end. */
  const errors: { row: string; error: unknown }[] = [];

  beforeAll(async () => {
    sandbox = await startTermiiSandbox();
    echo = await startScriptedServer();
    silent = createTcpServer((socket) => {
      silentSockets.add(socket);
      socket.pause(); // never read, never write
      // A request is counted when its bytes arrive (the app still never reads them): a connection alone is
      // not one, since a pool (undici's, after an aborted request) may open a spare connection that sends nothing.
      // ('readable' also fires at the end of a connection that sent nothing: only buffered bytes count.)
      const onReadable = () => {
        if (socket.readableLength === 0) return;
        silentConnections++;
        socket.off('readable', onReadable);
      };
      socket.on('readable', onReadable);
      socket.on('close', () => silentSockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    neverAccepting = await startNeverAcceptingServer();
  });

  afterAll(async () => {
    for (const socket of silentSockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await neverAccepting?.close();
    await echo.close();
    await sandbox.close();
  });

  const cases = rows.flatMap((row) => OPERATIONS.map((operation) => [row.name, operation, row] as const));

  it.each(cases)('%s → %s', async (_name, operation, row) => {
    const { source } = row;
    let baseUrl = sandbox.url;
    let seen: () => number = () => sandbox.requests.length;
    let lookups = 0;
    sandbox.reset();
    echo.requests.length = 0;
    if ('echo' in source) {
      echo.handle(source.echo);
      baseUrl = echo.url;
      seen = () => echo.requests.length;
    } else if ('refused' in source) {
      baseUrl = `http://127.0.0.1:${await closedPort()}`;
      seen = () => 0;
    } else if ('silentTcp' in source) {
      const { port } = silent.address() as { port: number };
      baseUrl = `http://127.0.0.1:${port}`;
      const before = silentConnections;
      seen = () => silentConnections - before;
    } else if ('neverAccepts' in source) {
      baseUrl = neverAccepting.url;
      seen = () => 0;
    } else if ('dns' in source) {
      baseUrl = `http://localhost:${sandbox.port}`;
    }

    const moduleRef = await Test.createTestingModule({
      imports: [
        TermiiModule.forRoot({
          apiKey: CANARY,
          baseUrl,
          timeoutMs: TIMEOUT_MS,
          maxRetries: MAX_RETRIES,
          token: TOKEN_DEFAULTS,
          messaging: { senderId: 'Acme' },
        }),
      ],
    })
      .setLogger(logger)
      .compile();
    const app = await moduleRef.init();
    try {
      if ('dns' in source) {
        const code = source.dns;
        // What getaddrinfo's failure looks like to Node: an Error with code, syscall and hostname.
        replaceResolver(app, (hostname, _options, callback) => {
          lookups++;
          setImmediate(() =>
            callback(
              Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), {
                code,
                errno: -3008,
                syscall: 'getaddrinfo',
                hostname,
              }),
            ),
          );
        });
      }
      const expected = expectedOutcome(row, operation);
      const requests = retriedByRead(row.generate) && isRead(operation) ? MAX_RETRIES + 1 : 1;
      if ('fault' in source) sandbox.fail(source.fault(), { times: requests });

      const started = Date.now();
      const settled = await CALLS[operation](app).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      const elapsed = Date.now() - started;

      if ('resolves' in expected) {
        expect(settled).toEqual({ value: expect.objectContaining(expected.resolves) });
      } else {
        expect('error' in settled).toBe(true);
        let error = (settled as { error: unknown }).error;
        errors.push({ row: `${row.name} → ${operation}`, error });
        if (operation === 'sendBulkMessage') {
          // Both recipients were in the one batch: it failed, nothing was sent, nothing was left untried.
          expect(error).toBeInstanceOf(TermiiBulkSendError);
          expect(error).toMatchObject({ sent: [], failed: ['2348109477743', '2348031234567'], notAttempted: [] });
          expect((error as Error).message.length).toBeLessThan(300);
          const cause = (error as TermiiBulkSendError).cause;
          expect((error as TermiiBulkSendError).mayHaveReachedTermii).toBe(cause.mayHaveReachedTermii);
          error = cause;
        }
        expect(error).toBeInstanceOf(TermiiError);
        expect((error as Error).constructor).toBe(expected.error);
        expect(error).toMatchObject({ operation, ...expected.fields });
        expect((error as Error).message.length).toBeLessThan(300);
        expect((error as Error).cause).toBeUndefined();
        // Whether the request may have been carried out: never when Termii was not reached or refused it (4xx).
        const status = expected.fields?.status as number | undefined;
        const refused = typeof status === 'number' && status >= 400 && status < 500;
        expect((error as TermiiError).mayHaveReachedTermii).toBe(row.reached && !refused);
      }
      expect(seen()).toBe(row.reached ? requests : 0);
      if ('dns' in source) expect(lookups).toBe(MAX_RETRIES + 1);
      expect(elapsed).toBeLessThan(SETTLE_BOUND_MS);
      // A timeout row really waited for its timeout: the bound above is not met by failing early.
      if ('error' in expected && expected.error === TermiiTimeoutError)
        expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    } finally {
      await app.close();
    }
  });

  it('canary search: the key is in no error rendering and no log line of the whole matrix', () => {
    expect(errors.length).toBeGreaterThan(rows.length);
    const leaks = errors.flatMap(({ row, error }) =>
      leaksOf(error, CANARY).map((text) => `${row}: ${text.slice(0, 300)}`),
    );
    expect(leaks).toEqual([]);
    // The module logged at its most verbose level (the control: the search below had lines to search).
    expect(logger.lines.some((line) => line.level === 'verbose')).toBe(true);
    expect(logger.lines.some((line) => line.level === 'warn')).toBe(true);
    expect(logger.lines.filter((line) => line.text.includes(CANARY))).toEqual([]);
  });

  it('canary control: the echo rows really carried the key back, and it was redacted, not dropped', async () => {
    echo.handle(echoJson(400));
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: CANARY, baseUrl: echo.url })],
    }).compile();
    const app = await moduleRef.init();
    try {
      const error = (await app
        .get(InAppTokenService)
        .generate({ phoneNumber: '2348109477743' })
        .catch((e: unknown) => e)) as TermiiApiError;
      expect(echo.requests.at(-1)?.text).toContain(CANARY);
      expect(error.termiiMessage).toContain('[REDACTED]');
    } finally {
      await app.close();
    }
  });
});
