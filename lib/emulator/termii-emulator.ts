import type { TermiiDeliveryReportOptions } from './termii-delivery-reporter.js';
import type { TermiiIssuedPin } from './token/issued-pin.js';
import type { TermiiDeliveryChannel, TermiiDeliveryListener, TermiiOutboxMessage } from './outbox-message.js';
import { maskApiKeyInPath, redactSecret, type TermiiRecordedRequest } from './recorded-request.js';
import type { TermiiEmulatorReply, TermiiEmulatorRequest, TermiiEmulatorResponse } from './termii-emulator-exchange.js';
import type { TermiiFault, TermiiFaultOptions } from './termii-fault.js';
import type { TermiiOperationPath } from './termii-paths.js';
import { TermiiWallet } from './termii-wallet.js';
import { jsonAnswer, TermiiRouter, type TermiiEmulatorRoute } from './emulator-route.js';
import type { TermiiEmulatorProduct, TermiiEmulatorState } from './emulator-state.js';
import { TermiiCampaignsProduct } from './campaigns/campaigns-product.js';
import { TermiiDndList } from './insights/dnd-list.js';
import { TermiiInsightsProduct } from './insights/insights-product.js';
import { TermiiMessagingProduct } from './messaging/messaging-product.js';
import { TermiiSenderIdsProduct } from './sender-ids/sender-ids-product.js';
import { TermiiPortedNumbers } from './insights/ported-numbers.js';
import { TermiiSenderIdRegistry, type TermiiSenderIdSeed } from './sender-ids/sender-id-registry.js';
import { pushBounded, phoneKey, TermiiOutbox } from './termii-outbox.js';
import { TermiiTokenProduct } from './token/token-product.js';

/**
 * Options shared by the emulator, the sandbox and the testing module. The delivery-report options
 * (`webhookUrl`, `webhookSecret`…) are read by the `TermiiDeliveryReporter` each face creates; the
 * emulator itself, pure logic, ignores them.
 */
export interface TermiiEmulatorOptions extends TermiiDeliveryReportOptions {
  /** The API keys to accept. By default any non-empty key is accepted; any other key gets a 401. */
  apiKeys?: readonly string[];
  /** The time in milliseconds, e.g. `() => now` in a test that moves time itself. @default Date.now */
  clock?: () => number;
  /** At most this many PINs are kept; beyond it the oldest is evicted. @default 10000 */
  maxPins?: number;
  /** How long a used-up or expired PIN still answers "Expired" before it is forgotten (then 422). @default 3600000 (1 h) */
  expiredPinRetentionMs?: number;
  /** How many recorded requests, issued PINs and outbox messages are kept for reading (the oldest go first). @default 1000 */
  historyLimit?: number;
  /**
   * The wallet's balance at the start (and after `reset()`): each delivery (SMS, voice, voice call, email)
   * takes its price from it; a send it cannot pay gets Termii's 400 "Insufficient balance". In-App generate
   * and verify are free. @default 1000
   */
  balance?: number;
  /** The wallet's currency, as the balance endpoint answers it. @default 'NGN' */
  currency?: string;
  /**
   * The price of one delivery per channel, in the wallet's currency; channels left out keep their default.
   * @default { sms: 3.9, voice: 5, 'voice-call': 5, email: 1 }
   */
  prices?: Partial<Record<TermiiDeliveryChannel, number>>;
  /** The account holder's name, answered as `user` by the balance endpoint and the voice and email sends. @default 'Termii Sandbox' */
  accountName?: string;
  /**
   * The sender IDs the account owns, e.g. `[{ senderId: 'Acme', status: 'active' }]`. None (the default):
   * every sender ID is accepted. With some, a send (Send Token, messages, campaigns) from a sender ID that is
   * not `active` is refused as Termii refuses it (404 "Invalid Sender Id").
   */
  senderIds?: readonly TermiiSenderIdSeed[];
  /**
   * Phone numbers on the Do-Not-Disturb list: the `generic` route delivers nothing to them (the request is
   * accepted; the outbox says `DND Active on Phone Number`). @default []
   */
  dndNumbers?: readonly string[];
}

const DEFAULT_MAX_PINS = 10_000;
const DEFAULT_RETENTION_MS = 60 * 60 * 1000;
const DEFAULT_HISTORY_LIMIT = 1_000;
const DEFAULT_ACCOUNT_NAME = 'Termii Sandbox';

interface QueuedFault {
  fault: TermiiFault;
  remaining: number;
  operation?: TermiiOperationPath;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** Parses a body that should be a JSON object; `undefined` when it is not. */
function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `api_key` query parameter of a path, as Termii's reads take it. Only the literal name counts (not an
 * escaped `api%5Fkey`), so that whatever key is read is also one `maskApiKeyInPath` masks.
 */
function apiKeyInQuery(path: string): string | undefined {
  const query = path.indexOf('?');
  if (query === -1) return undefined;
  for (const pair of path.slice(query + 1).split('&')) {
    if (!pair.startsWith('api_key=')) continue;
    try {
      return decodeURIComponent(pair.slice('api_key='.length).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The query string's parameters of a path (none when it has no `?`). */
function queryOf(path: string): URLSearchParams {
  const query = path.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : path.slice(query + 1));
}

/** Where a route reads the key by default: the query for Termii's reads and deletes, the body otherwise. */
function keyInOf(route: TermiiEmulatorRoute): 'query' | 'body' | 'multipart' {
  return route.keyIn ?? (route.method === 'GET' || route.method === 'DELETE' ? 'query' : 'body');
}

/**
 * One emulator of Termii's Token API and balance endpoint, as pure logic: a request in, what to answer out.
 * Both the sandbox (a real HTTP server) and the testing module (an in-memory axios adapter) use it, so
 * the two can never disagree.
 *
 * Semantics, following Termii's documentation and what its users have observed:
 * - `POST /api/sms/otp/generate` checks every field (400 `{ message }`), then answers the documented
 *   `{ status: "success", data: { pin_id, otp, phone_number, phone_number_other } }`.
 * - `POST /api/sms/otp/verify`: the right PIN answers 200 `verified: "True"` once; a wrong PIN spends an
 *   attempt and answers 200 `verified: false`; a PIN whose attempts are spent, whose time to live has
 *   passed, or which was already verified answers 400 `verified: "Expired"`; an unknown `pin_id` answers 422.
 * - `pin_time_to_live: 0` means **no time limit** (Termii leaves it undocumented; its own sample requests
 *   all send 0, which would be useless if it meant "already expired"). Such a PIN ends by use, by
 *   attempts, or by eviction.
 * - `POST /api/sms/otp/send` (Send Token) and `POST /api/sms/otp/send/voice` (Voice Token) check their
 *   fields, issue a PIN exactly as generate does (same store, attempts, time to live, single use: the same
 *   verify checks it), deliver it into the outbox, and answer Termii's documented shapes
 *   (`{ pinId, to, smsStatus: "Message Sent" }`; `{ code: "ok", message_id, pinId, message, balance, user }`).
 * - `POST /api/sms/otp/call` (Voice Call) and `POST /api/email/otp/send` (Email Token) deliver the caller's
 *   code and answer `{ code: "ok", message_id, message, balance, user }`; nothing is stored for verify, so
 *   their message ids answer 422 there, as Termii says these codes cannot be verified.
 * - Every delivery takes its channel's price from the wallet; one the balance cannot pay answers 400
 *   `{ message: "Insufficient balance" }` and delivers nothing. In-App generate is free (nothing is sent).
 * - `GET /api/get-balance?api_key=…` answers `{ user, balance, currency }` from the wallet; with a
 *   `Content-Type: application/json` header it answers an empty 200, as Termii's v3 hosts do.
 * - Search (`GET /api/check/dnd`) answers from the DND list and a network guessed from the Nigerian prefix;
 *   Status (`GET /api/insight/number/query`) answers Termii's documented `result` shape, `ported` as a test
 *   set it; History (`GET /api/sms/inbox`) lists the outbox's SMS, voice and WhatsApp deliveries, newest
 *   first, each with the status its delivery report gave (`Message Sent` until one did).
 * - A key it does not accept (or none) gets 401 before the fields are checked (the balance endpoint reads
 *   the key from the query string, the others from the body).
 * - Messages (`/api/sms/send`, `/send/bulk`, `/number/send`, WhatsApp templates) and sender IDs (the list,
 *   the request): see `TermiiMessagingProduct` and `TermiiSenderIdsProduct`. A message to N recipients is N
 *   outbox entries with the request's message id, paid per page and per recipient up front.
 * - Phonebooks, contacts and campaigns: see `TermiiCampaignsProduct` (a campaign delivers through the same
 *   path as every send; a scheduled one runs when the clock, moved by `advanceClock` or by time, reaches it).
 *
 * Nothing it records or answers contains an API key: recorded bodies and paths are redacted, and no answer
 * echoes the request. Outbox messages hold the codes delivered (a test reads them there), never a key.
 */
export class TermiiEmulator {
  readonly #acceptedKeys: ReadonlySet<string> | undefined;
  readonly #clock: () => number;
  #clockOffset = 0;
  readonly #historyLimit: number;
  #faults: QueuedFault[] = [];
  #requests: TermiiRecordedRequest[] = [];
  readonly #state: TermiiEmulatorState;
  readonly #token: TermiiTokenProduct;
  readonly #products: readonly TermiiEmulatorProduct[];
  readonly #router: TermiiRouter;

  constructor(options: TermiiEmulatorOptions = {}) {
    if (options.apiKeys !== undefined) {
      if (!Array.isArray(options.apiKeys) || options.apiKeys.some((key) => typeof key !== 'string' || key === '')) {
        throw new TypeError('apiKeys must be an array of non-empty strings');
      }
      this.#acceptedKeys = new Set(options.apiKeys);
    }
    this.#clock = options.clock ?? Date.now;
    this.#historyLimit = positiveInteger(options.historyLimit, DEFAULT_HISTORY_LIMIT, 'historyLimit');
    if (options.accountName !== undefined && typeof options.accountName !== 'string') {
      throw new TypeError('accountName must be a string');
    }
    this.#state = {
      now: () => this.now(),
      wallet: new TermiiWallet(options),
      outbox: new TermiiOutbox(this.#historyLimit),
      senderIds: new TermiiSenderIdRegistry(options.senderIds, this.now()),
      dnd: new TermiiDndList(options.dndNumbers),
      ported: new TermiiPortedNumbers(),
      accountName: options.accountName ?? DEFAULT_ACCOUNT_NAME,
      historyLimit: this.#historyLimit,
    };
    this.#token = new TermiiTokenProduct(this.#state, {
      maxPins: positiveInteger(options.maxPins, DEFAULT_MAX_PINS, 'maxPins'),
      expiredPinRetentionMs:
        options.expiredPinRetentionMs === undefined ? DEFAULT_RETENTION_MS : Math.max(0, options.expiredPinRetentionMs),
    });
    // A new product is one line here: its routes join the router, its state resets with the rest.
    this.#products = [
      this.#token,
      new TermiiInsightsProduct(this.#state),
      new TermiiMessagingProduct(this.#state),
      new TermiiSenderIdsProduct(this.#state),
      new TermiiCampaignsProduct(this.#state, (key) => this.accepts(key)),
    ];
    this.#router = new TermiiRouter(this.#products.flatMap((product) => product.routes));
  }

  /** The emulator's time: the clock plus every `advanceClock`. */
  now(): number {
    return this.#clock() + this.#clockOffset;
  }

  /**
   * Moves the emulator's time forward, e.g. past a PIN's time to live, without waiting; what was scheduled
   * up to the new time (a campaign) runs before it returns.
   */
  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('advanceClock takes a finite, non-negative number of milliseconds');
    this.#clockOffset += ms;
    this.tellClock();
  }

  /** Tells every product the time: what was scheduled for it (a campaign) runs now. */
  private tellClock(): void {
    const now = this.now();
    for (const product of this.#products) product.onClock?.(now);
  }

  /** Makes the next matching request(s) fail with `fault` instead of Termii's answer. Faults apply in the order given. */
  fail(fault: TermiiFault, options: TermiiFaultOptions = {}): void {
    const times = positiveInteger(options.times, 1, 'times');
    this.#faults.push({ fault, remaining: times, ...(options.operation ? { operation: options.operation } : {}) });
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.#faults = [];
  }

  /** How many faulted requests are still queued. */
  get pendingFaults(): number {
    return this.#faults.reduce((sum, queued) => sum + queued.remaining, 0);
  }

  /** The requests received, oldest first (the last `historyLimit` of them), with the API key masked. */
  get requests(): TermiiRecordedRequest[] {
    return this.#requests.slice(-this.#historyLimit).map((request) => structuredClone(request));
  }

  /** The PINs issued, oldest first (the last `historyLimit` of them). */
  get issuedPins(): TermiiIssuedPin[] {
    return this.#token.issuedPins;
  }

  /** Every delivery (codes and messages, every channel), oldest first (the last `historyLimit` of them). */
  get messages(): TermiiOutboxMessage[] {
    return this.#state.outbox.messages;
  }

  /** The deliveries to a phone number (any formatting) or an email address (any case), oldest first. */
  messagesFor(recipient: string): TermiiOutboxMessage[] {
    return this.#state.outbox.messagesFor(recipient);
  }

  /** The last delivery to a phone number or an email address, or `undefined`. */
  lastMessageFor(recipient: string): TermiiOutboxMessage | undefined {
    return this.messagesFor(recipient).at(-1);
  }

  /**
   * Calls `listener` with each delivery as it happens, e.g. to post a delivery report to a webhook:
   * synchronously, after the message is in the outbox, before the answer goes out (a `delay` fault's
   * delivery is reported at once; faults that replace the answer deliver nothing). Each call gets its own
   * copy of the message. A listener must not throw: an error it throws, or a promise it returns that
   * rejects, is reported as a process warning and changes nothing else. Subscriptions survive `reset()`.
   * @returns A function that ends the subscription.
   */
  onDelivery(listener: TermiiDeliveryListener): () => void {
    return this.#state.outbox.onDelivery(listener);
  }

  /** The wallet's balance now, in `currency`. */
  get balance(): number {
    return this.#state.wallet.balance;
  }

  /** Sets the wallet's balance (a finite number ≥ 0), e.g. `setBalance(0)` to see sends refused. */
  setBalance(balance: number): void {
    this.#state.wallet.set(balance);
  }

  /** The wallet's currency, e.g. `NGN`. */
  get currency(): string {
    return this.#state.wallet.currency;
  }

  /** What one delivery (one page of a message, to one recipient) costs per channel. */
  get prices(): Readonly<Record<TermiiDeliveryChannel, number>> {
    return this.#state.wallet.prices;
  }

  /** The sender IDs the account owns (see the `senderIds` option); empty means every sender ID is accepted. */
  get senderIds(): TermiiSenderIdRegistry {
    return this.#state.senderIds;
  }

  /** The numbers on the Do-Not-Disturb list (see the `dndNumbers` option). */
  get dnd(): TermiiDndList {
    return this.#state.dnd;
  }

  /** The numbers Status (`getNumberStatus`) reports as ported; none until a test sets one. */
  get ported(): TermiiPortedNumbers {
    return this.#state.ported;
  }

  /**
   * Replaces the status of the outbox entries of `messageId` to `recipient` (any formatting), as a delivery
   * report says what became of them; History then answers it. `false` when no such entry is kept.
   */
  setMessageStatus(messageId: string, recipient: string, status: string): boolean {
    return this.#state.outbox.setStatus(messageId, recipient, status);
  }

  /** The PINs issued for a phone number (any formatting; digits are compared), oldest first. */
  pinsFor(phoneNumber: string): TermiiIssuedPin[] {
    const key = phoneKey(phoneNumber);
    return this.issuedPins.filter((pin) => pin.phoneNumber === key);
  }

  /** The last PIN issued for a phone number, by In-App generate, Send Token or Voice Token; or `undefined`. */
  lastPinFor(phoneNumber: string): TermiiIssuedPin | undefined {
    return this.pinsFor(phoneNumber).at(-1);
  }

  /** The PINs that can still be verified now. */
  get livePinCount(): number {
    return this.#token.liveCount(this.now());
  }

  /** The PINs held in memory, live or recently ended; never more than `maxPins`. */
  get storedPinCount(): number {
    return this.#token.storedCount;
  }

  /** The cap on PINs held in memory. */
  get maxPins(): number {
    return this.#token.maxPins;
  }

  /** Every route the emulator answers: operation, method and path. */
  get routes(): readonly Pick<TermiiEmulatorRoute, 'operation' | 'method' | 'path'>[] {
    return this.#router.routes.map(({ operation, method, path }) => ({ operation, method, path }));
  }

  /**
   * Forgets every PIN, request, outbox message and queued fault, and what each product keeps; undoes
   * `advanceClock`, and puts back the start balance, the `senderIds` and the `dndNumbers`. Delivery
   * listeners stay subscribed.
   */
  reset(): void {
    this.#faults = [];
    this.#requests = [];
    this.#clockOffset = 0;
    this.#state.outbox.clear();
    this.#state.wallet.reset();
    this.#state.senderIds.reset(this.now());
    this.#state.dnd.reset();
    this.#state.ported.reset();
    for (const product of this.#products) product.reset();
  }

  /** Handles one request: records it, applies a queued fault if one matches, else answers as Termii does. */
  handle(request: TermiiEmulatorRequest): TermiiEmulatorReply {
    // What was due by now (a scheduled campaign) happens before this request sees the state.
    this.tellClock();
    const now = this.now();
    const method = request.method.toUpperCase();
    const match = this.#router.match(method, request.path);
    const operation = match?.route?.operation;
    const body = parseJsonObject(request.body);
    const bodyKey = typeof body?.['api_key'] === 'string' ? body['api_key'] : undefined;
    const queryKey = apiKeyInQuery(request.path);
    let recordedBody = body === undefined ? undefined : redactSecret(body, bodyKey);
    if (recordedBody !== undefined && queryKey) recordedBody = redactSecret(recordedBody, queryKey);
    const record: TermiiRecordedRequest = {
      method,
      path: maskApiKeyInPath(request.path),
      ...(operation ? { operation } : {}),
      body: recordedBody as Record<string, unknown> | undefined,
      receivedAt: now,
    };
    pushBounded(this.#requests, record, this.#historyLimit);

    const answerNormally = (): TermiiEmulatorResponse => {
      if (match === undefined) return jsonAnswer(404, { message: 'Not Found' });
      if (match.route === undefined) return jsonAnswer(405, { message: 'Method Not Allowed' }, { allow: match.allow });
      return this.answer(match.route, match.params, request, body, bodyKey, queryKey, now);
    };
    const fault = this.takeFault(operation);
    if (fault !== undefined) {
      record.fault = fault.kind;
      const reply = this.faultReply(fault, answerNormally);
      if (reply.action === 'respond' || reply.action === 'stall') record.status = reply.response.status;
      return reply;
    }
    const response = answerNormally();
    record.status = response.status;
    return { action: 'respond', response, delayMs: 0 };
  }

  /** Termii's answer to a request for `route`, with no fault: the key first, then the product's own answer. */
  private answer(
    route: TermiiEmulatorRoute,
    params: Record<string, string>,
    request: TermiiEmulatorRequest,
    body: Record<string, unknown> | undefined,
    bodyKey: string | undefined,
    queryKey: string | undefined,
    now: number,
  ): TermiiEmulatorResponse {
    const keyIn = keyInOf(route);
    if (keyIn === 'body' && body === undefined)
      return jsonAnswer(400, { message: 'The request body must be a JSON object' });
    // A multipart route reads its key from its own parts: the product checks it with `accepts`.
    if (keyIn !== 'multipart' && !this.accepts(keyIn === 'query' ? queryKey : bodyKey)) {
      return jsonAnswer(401, { message: 'Unauthorized' });
    }
    return route.answer({ request, body, query: queryOf(request.path), params, now });
  }

  /** Whether the emulator accepts `apiKey`: any non-blank key by default, else only those of `apiKeys`. */
  accepts(apiKey: string | undefined): boolean {
    if (apiKey === undefined || apiKey.trim() === '') return false;
    return this.#acceptedKeys === undefined || this.#acceptedKeys.has(apiKey);
  }

  private takeFault(operation: TermiiOperationPath | undefined): TermiiFault | undefined {
    const index = this.#faults.findIndex((queued) => queued.operation === undefined || queued.operation === operation);
    if (index === -1) return undefined;
    const queued = this.#faults[index];
    if (--queued.remaining === 0) this.#faults.splice(index, 1);
    return queued.fault;
  }

  private faultReply(fault: TermiiFault, answerNormally: () => TermiiEmulatorResponse): TermiiEmulatorReply {
    switch (fault.kind) {
      case 'delay':
        return { action: 'respond', response: answerNormally(), delayMs: Math.max(0, fault.delayMs) };
      case 'drop':
        return { action: 'drop', delayMs: Math.max(0, fault.delayMs ?? 0) };
      case 'hang':
        return { action: 'hang' };
      case 'stall':
        return {
          action: 'stall',
          response: { status: fault.status ?? 200, headers: { 'content-type': 'application/json' }, body: '' },
        };
      case 'respond': {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(fault.headers ?? {})) headers[name.toLowerCase()] = value;
        let body = '';
        if (typeof fault.body === 'string') {
          body = fault.body;
          headers['content-type'] ??= fault.contentType ?? 'text/html; charset=utf-8';
        } else if (fault.body !== undefined) {
          body = JSON.stringify(fault.body);
          headers['content-type'] ??= fault.contentType ?? 'application/json';
        }
        return {
          action: 'respond',
          response: { status: fault.status, headers, body },
          delayMs: Math.max(0, fault.delayMs ?? 0),
        };
      }
    }
  }
}
