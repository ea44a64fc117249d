import { randomInt, randomUUID } from 'node:crypto';
import { generatePin } from './generate-pin.js';
import type { TermiiDeliveryReportOptions } from './termii-delivery-reporter.js';
import type { TermiiIssuedPin, TermiiPinChannel } from './issued-pin.js';
import type { TermiiDeliveryChannel, TermiiDeliveryListener, TermiiOutboxMessage } from './outbox-message.js';
import { PinStore, isLive } from './pin-store.js';
import { maskApiKeyInPath, redactSecret, type TermiiRecordedRequest } from './recorded-request.js';
import type { TermiiEmulatorReply, TermiiEmulatorRequest, TermiiEmulatorResponse } from './termii-emulator-exchange.js';
import { INSUFFICIENT_BALANCE_BODY, type TermiiFault, type TermiiFaultOptions } from './termii-fault.js';
import { methodOf, operationOfPath, type TermiiOperationPath } from './termii-paths.js';
import {
  checkEmailTokenRequest,
  checkGenerateRequest,
  checkSendRequest,
  checkVerifyRequest,
  checkVoiceCallRequest,
  checkVoiceTokenRequest,
  type ValidGenerateRequest,
} from './termii-request-rules.js';
import { TermiiWallet } from './termii-wallet.js';

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
}

const DEFAULT_MAX_PINS = 10_000;
const DEFAULT_RETENTION_MS = 60 * 60 * 1000;
const DEFAULT_HISTORY_LIMIT = 1_000;
const MINUTE_MS = 60_000;
const DEFAULT_ACCOUNT_NAME = 'Termii Sandbox';
/** Termii's answer to a successful voice or email send. */
const SUCCESSFULLY_SENT = 'Successfully Sent';

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

function json(status: number, body: unknown, headers: Record<string, string> = {}): TermiiEmulatorResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
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

/** A delivery listener must not throw; when one does, say so without disturbing the answer or the other listeners. */
function reportListenerError(error: unknown): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.emitWarning(`A Termii emulator delivery listener failed (${reason})`, 'TermiiEmulatorWarning');
}

/** Keeps the last `limit` items of `list`, dropping from the front in batches so that pushing stays cheap. */
function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit * 2) list.splice(0, list.length - limit);
}

/** Digits only, so that `+234 810 947 7743` finds the PINs of `2348109477743`. */
function phoneKey(phoneNumber: string): string {
  return phoneNumber.replace(/\D/g, '');
}

/** A phone number by its digits, an email address (it has an `@`) without regard to case. */
function recipientKey(recipient: string): string {
  return recipient.includes('@') ? recipient.trim().toLowerCase() : phoneKey(recipient);
}

/** A 19-digit message id: beyond a safe JS integer, as Termii's are, so that clients must keep it a string. */
function newMessageId(): string {
  return `${randomInt(100_000_000, 1_000_000_000)}${String(randomInt(1_000_000_000)).padStart(9, '0')}${randomInt(10)}`;
}

/**
 * The `api_key` query parameter of a path, as the balance endpoint reads it. Only the literal name counts
 * (not an escaped `api%5Fkey`), so that whatever key is read is also one `maskApiKeyInPath` masks.
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

/** Whether the request says its body is JSON: `Content-Type` in any case, given once or repeated. */
function declaresJson(headers: TermiiEmulatorRequest['headers']): boolean {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-type' || value === undefined) continue;
    if ((Array.isArray(value) ? value : [value]).some((item) => /application\/json/i.test(item))) return true;
  }
  return false;
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
 * - A key it does not accept (or none) gets 401 before the fields are checked (the balance endpoint reads
 *   the key from the query string, the others from the body).
 *
 * Nothing it records or answers contains an API key: recorded bodies and paths are redacted, and no answer
 * echoes the request. Outbox messages hold the codes delivered (a test reads them there), never a key.
 */
export class TermiiEmulator {
  readonly #acceptedKeys: ReadonlySet<string> | undefined;
  readonly #clock: () => number;
  #clockOffset = 0;
  readonly #store: PinStore;
  readonly #historyLimit: number;
  #faults: QueuedFault[] = [];
  #requests: TermiiRecordedRequest[] = [];
  #issued: TermiiIssuedPin[] = [];
  #outbox: TermiiOutboxMessage[] = [];
  readonly #wallet: TermiiWallet;
  readonly #accountName: string;
  readonly #deliveryListeners = new Set<TermiiDeliveryListener>();

  constructor(options: TermiiEmulatorOptions = {}) {
    if (options.apiKeys !== undefined) {
      if (!Array.isArray(options.apiKeys) || options.apiKeys.some((key) => typeof key !== 'string' || key === '')) {
        throw new TypeError('apiKeys must be an array of non-empty strings');
      }
      this.#acceptedKeys = new Set(options.apiKeys);
    }
    this.#clock = options.clock ?? Date.now;
    this.#store = new PinStore(
      positiveInteger(options.maxPins, DEFAULT_MAX_PINS, 'maxPins'),
      options.expiredPinRetentionMs === undefined ? DEFAULT_RETENTION_MS : Math.max(0, options.expiredPinRetentionMs),
    );
    this.#historyLimit = positiveInteger(options.historyLimit, DEFAULT_HISTORY_LIMIT, 'historyLimit');
    this.#wallet = new TermiiWallet(options);
    if (options.accountName !== undefined && typeof options.accountName !== 'string') {
      throw new TypeError('accountName must be a string');
    }
    this.#accountName = options.accountName ?? DEFAULT_ACCOUNT_NAME;
  }

  /** The emulator's time: the clock plus every `advanceClock`. */
  now(): number {
    return this.#clock() + this.#clockOffset;
  }

  /** Moves the emulator's time forward, e.g. past a PIN's time to live, without waiting. */
  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('advanceClock takes a finite, non-negative number of milliseconds');
    this.#clockOffset += ms;
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
    return this.#issued.slice(-this.#historyLimit).map((pin) => ({ ...pin }));
  }

  /** Every delivery (SMS, voice, voice call, email), oldest first (the last `historyLimit` of them). */
  get messages(): TermiiOutboxMessage[] {
    return this.#outbox.slice(-this.#historyLimit).map((message) => ({ ...message }));
  }

  /** The deliveries to a phone number (any formatting) or an email address (any case), oldest first. */
  messagesFor(recipient: string): TermiiOutboxMessage[] {
    const key = recipientKey(recipient);
    return this.messages.filter((message) => recipientKey(message.recipient) === key);
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
    if (typeof listener !== 'function') throw new TypeError('onDelivery takes a function');
    this.#deliveryListeners.add(listener);
    return () => {
      this.#deliveryListeners.delete(listener);
    };
  }

  /** The wallet's balance now, in `currency`. */
  get balance(): number {
    return this.#wallet.balance;
  }

  /** Sets the wallet's balance (a finite number ≥ 0), e.g. `setBalance(0)` to see sends refused. */
  setBalance(balance: number): void {
    this.#wallet.set(balance);
  }

  /** The wallet's currency, e.g. `NGN`. */
  get currency(): string {
    return this.#wallet.currency;
  }

  /** What one delivery costs per channel. */
  get prices(): Readonly<Record<TermiiDeliveryChannel, number>> {
    return this.#wallet.prices;
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
    return this.#store.liveCount(this.now());
  }

  /** The PINs held in memory, live or recently ended; never more than `maxPins`. */
  get storedPinCount(): number {
    return this.#store.size;
  }

  /** The cap on PINs held in memory. */
  get maxPins(): number {
    return this.#store.maxPins;
  }

  /**
   * Forgets every PIN, request, outbox message and queued fault, undoes `advanceClock`, and puts the
   * start balance back. Delivery listeners stay subscribed.
   */
  reset(): void {
    this.#store.clear();
    this.#faults = [];
    this.#requests = [];
    this.#issued = [];
    this.#outbox = [];
    this.#wallet.reset();
    this.#clockOffset = 0;
  }

  /** Handles one request: records it, applies a queued fault if one matches, else answers as Termii does. */
  handle(request: TermiiEmulatorRequest): TermiiEmulatorReply {
    const now = this.now();
    const operation = operationOfPath(request.path);
    const body = parseJsonObject(request.body);
    const bodyKey = typeof body?.['api_key'] === 'string' ? body['api_key'] : undefined;
    const queryKey = apiKeyInQuery(request.path);
    // The balance endpoint reads its key from the query string; every other endpoint from the body.
    const apiKey = operation === 'getBalance' ? queryKey : bodyKey;
    let recordedBody = body === undefined ? undefined : redactSecret(body, bodyKey);
    if (recordedBody !== undefined && queryKey) recordedBody = redactSecret(recordedBody, queryKey);
    const record: TermiiRecordedRequest = {
      method: request.method.toUpperCase(),
      path: maskApiKeyInPath(request.path),
      ...(operation ? { operation } : {}),
      body: recordedBody as Record<string, unknown> | undefined,
      receivedAt: now,
    };
    pushBounded(this.#requests, record, this.#historyLimit);

    const fault = this.takeFault(operation);
    if (fault !== undefined) {
      record.fault = fault.kind;
      const reply = this.faultReply(fault, () => this.answer(request, operation, body, apiKey, now));
      if (reply.action === 'respond' || reply.action === 'stall') record.status = reply.response.status;
      return reply;
    }
    const response = this.answer(request, operation, body, apiKey, now);
    record.status = response.status;
    return { action: 'respond', response, delayMs: 0 };
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

  /** Termii's answer to a request, with no fault. */
  private answer(
    request: TermiiEmulatorRequest,
    operation: TermiiOperationPath | undefined,
    body: Record<string, unknown> | undefined,
    apiKey: string | undefined,
    now: number,
  ): TermiiEmulatorResponse {
    if (operation === undefined) return json(404, { message: 'Not Found' });
    const method = methodOf(operation);
    if (request.method.toUpperCase() !== method) return json(405, { message: 'Method Not Allowed' }, { allow: method });
    if (operation === 'getBalance') {
      if (!this.accepts(apiKey)) return json(401, { message: 'Unauthorized' });
      // Termii's v3 hosts answer a GET that declares a JSON body with an empty 200: clients must not send one.
      if (declaresJson(request.headers)) return { status: 200, headers: {}, body: '' };
      return json(200, { user: this.#accountName, balance: this.#wallet.balance, currency: this.#wallet.currency });
    }
    if (body === undefined) return json(400, { message: 'The request body must be a JSON object' });
    if (!this.accepts(apiKey)) return json(401, { message: 'Unauthorized' });
    switch (operation) {
      case 'generate':
        return this.generate(body, now);
      case 'verify':
        return this.verify(body, now);
      case 'send':
        return this.send(body, now);
      case 'sendVoice':
        return this.sendVoice(body, now);
      case 'call':
        return this.call(body, now);
      case 'sendEmail':
        return this.sendEmail(body, now);
    }
  }

  private accepts(apiKey: string | undefined): boolean {
    if (apiKey === undefined || apiKey.trim() === '') return false;
    return this.#acceptedKeys === undefined || this.#acceptedKeys.has(apiKey);
  }

  /** Issues a PIN into the store (what verify checks) and the history. */
  private issuePin(channel: TermiiPinChannel, policy: ValidGenerateRequest, now: number): TermiiIssuedPin {
    const { pinType, phoneNumber, pinAttempts, pinTimeToLive, pinLength } = policy;
    const issued: TermiiIssuedPin = {
      pinId: randomUUID(),
      otp: generatePin(pinType, pinLength),
      channel,
      phoneNumber,
      pinType,
      pinLength,
      pinAttempts,
      pinTimeToLive,
      issuedAt: now,
    };
    this.#store.add(
      {
        issued,
        attemptsLeft: pinAttempts,
        expiresAt: pinTimeToLive === 0 ? Number.POSITIVE_INFINITY : now + pinTimeToLive * MINUTE_MS,
      },
      now,
    );
    pushBounded(this.#issued, issued, this.#historyLimit);
    return issued;
  }

  /** Pays for a delivery, puts it in the outbox and tells the listeners. Check `canPay` first. */
  private deliver(
    message: Omit<TermiiOutboxMessage, 'messageId' | 'cost' | 'sentAt'>,
    now: number,
  ): TermiiOutboxMessage {
    const cost = this.#wallet.spend(message.channel);
    const delivered: TermiiOutboxMessage = { ...message, messageId: newMessageId(), cost, sentAt: now };
    pushBounded(this.#outbox, delivered, this.#historyLimit);
    for (const listener of [...this.#deliveryListeners]) {
      try {
        const result = listener({ ...delivered });
        // Any thenable, not only this realm's Promise: its rejection is reported, never left unhandled.
        if (typeof (result as PromiseLike<void> | undefined)?.then === 'function') {
          Promise.resolve(result).catch((error: unknown) => reportListenerError(error));
        }
      } catch (error) {
        reportListenerError(error);
      }
    }
    return delivered;
  }

  /** Termii's answer to a voice or email send: the message id, and what is left in the wallet. */
  private sentAnswer(delivered: TermiiOutboxMessage, extra: Record<string, unknown> = {}): TermiiEmulatorResponse {
    return json(200, {
      code: 'ok',
      message_id: delivered.messageId,
      ...extra,
      message: SUCCESSFULLY_SENT,
      balance: this.#wallet.balance,
      user: this.#accountName,
    });
  }

  private generate(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkGenerateRequest(body);
    if (!check.ok) return json(400, { message: check.message });
    const issued = this.issuePin('in-app', check.value, now);
    return json(200, {
      status: 'success',
      data: { pin_id: issued.pinId, otp: issued.otp, phone_number: issued.phoneNumber, phone_number_other: 'Termii' },
    });
  }

  private send(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkSendRequest(body);
    if (!check.ok) return json(400, { message: check.message });
    if (!this.#wallet.canPay('sms')) return json(400, INSUFFICIENT_BALANCE_BODY);
    const { from, channel, pinPlaceholder, messageText, ...policy } = check.value;
    const issued = this.issuePin('sms', policy, now);
    this.deliver(
      {
        channel: 'sms',
        recipient: issued.phoneNumber,
        code: issued.otp,
        pinId: issued.pinId,
        text: messageText.split(pinPlaceholder).join(issued.otp),
        from,
        smsChannel: channel,
      },
      now,
    );
    return json(200, { pinId: issued.pinId, to: issued.phoneNumber, smsStatus: 'Message Sent' });
  }

  private sendVoice(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkVoiceTokenRequest(body);
    if (!check.ok) return json(400, { message: check.message });
    if (!this.#wallet.canPay('voice')) return json(400, INSUFFICIENT_BALANCE_BODY);
    const issued = this.issuePin('voice', { ...check.value, pinType: 'NUMERIC' }, now);
    const delivered = this.deliver(
      { channel: 'voice', recipient: issued.phoneNumber, code: issued.otp, pinId: issued.pinId },
      now,
    );
    return this.sentAnswer(delivered, { pinId: issued.pinId });
  }

  private call(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkVoiceCallRequest(body);
    if (!check.ok) return json(400, { message: check.message });
    if (!this.#wallet.canPay('voice-call')) return json(400, INSUFFICIENT_BALANCE_BODY);
    const { phoneNumber, code } = check.value;
    return this.sentAnswer(this.deliver({ channel: 'voice-call', recipient: phoneNumber, code }, now));
  }

  private sendEmail(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkEmailTokenRequest(body);
    if (!check.ok) return json(400, { message: check.message });
    if (!this.#wallet.canPay('email')) return json(400, INSUFFICIENT_BALANCE_BODY);
    const { emailAddress, code, emailConfigurationId } = check.value;
    return this.sentAnswer(
      this.deliver({ channel: 'email', recipient: emailAddress, code, emailConfigurationId }, now),
    );
  }

  private verify(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkVerifyRequest(body);
    if (!check.ok) return json(400, { message: check.message });
    const { pinId, pin } = check.value;
    const stored = this.#store.get(pinId);
    if (stored === undefined) return json(422, { message: 'pin_id not found' });
    const msisdn = stored.issued.phoneNumber;
    // Used up, verified already, or past its time to live: Termii's 400 "Expired".
    if (!isLive(stored, now)) return json(400, { pinId, verified: 'Expired', msisdn });
    if (pin === stored.issued.otp) {
      stored.endedAt = now;
      return json(200, { pinId, verified: 'True', msisdn });
    }
    stored.attemptsLeft--;
    if (stored.attemptsLeft <= 0) stored.endedAt = now;
    return json(200, { pinId, verified: false, msisdn });
  }
}
