import { randomUUID } from 'node:crypto';
import { generatePin } from './generate-pin.js';
import type { TermiiIssuedPin } from './issued-pin.js';
import { PinStore, isLive } from './pin-store.js';
import { maskApiKeyInPath, redactSecret, type TermiiRecordedRequest } from './recorded-request.js';
import type { TermiiEmulatorReply, TermiiEmulatorRequest, TermiiEmulatorResponse } from './termii-emulator-exchange.js';
import type { TermiiFault, TermiiFaultOptions } from './termii-fault.js';
import { operationOfPath, type TermiiOperationPath } from './termii-paths.js';
import { checkGenerateRequest, checkVerifyRequest } from './termii-request-rules.js';

/** Options shared by the emulator, the sandbox and the testing module. */
export interface TermiiEmulatorOptions {
  /** The API keys to accept. By default any non-empty key is accepted; any other key gets a 401. */
  apiKeys?: readonly string[];
  /** The time in milliseconds, e.g. `() => now` in a test that moves time itself. @default Date.now */
  clock?: () => number;
  /** At most this many PINs are kept; beyond it the oldest is evicted. @default 10000 */
  maxPins?: number;
  /** How long a used-up or expired PIN still answers "Expired" before it is forgotten (then 422). @default 3600000 (1 h) */
  expiredPinRetentionMs?: number;
  /** How many recorded requests and issued PINs are kept for reading (the oldest go first). @default 1000 */
  historyLimit?: number;
}

const DEFAULT_MAX_PINS = 10_000;
const DEFAULT_RETENTION_MS = 60 * 60 * 1000;
const DEFAULT_HISTORY_LIMIT = 1_000;
const MINUTE_MS = 60_000;

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

/** Keeps the last `limit` items of `list`, dropping from the front in batches so that pushing stays cheap. */
function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit * 2) list.splice(0, list.length - limit);
}

/** Digits only, so that `+234 810 947 7743` finds the PINs of `2348109477743`. */
function phoneKey(phoneNumber: string): string {
  return phoneNumber.replace(/\D/g, '');
}

/**
 * One emulator of Termii's In-App Token endpoints, as pure logic: a request in, what to answer out.
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
 * - A key it does not accept (or none) gets 401 before anything else is checked.
 *
 * Nothing it records or answers contains an API key: recorded bodies are redacted, and no answer echoes
 * the request.
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

  /** The PINs issued for a phone number (any formatting; digits are compared), oldest first. */
  pinsFor(phoneNumber: string): TermiiIssuedPin[] {
    const key = phoneKey(phoneNumber);
    return this.issuedPins.filter((pin) => pin.phoneNumber === key);
  }

  /** The last PIN issued for a phone number, or `undefined`. */
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

  /** Forgets every PIN, request and queued fault, and undoes `advanceClock`. */
  reset(): void {
    this.#store.clear();
    this.#faults = [];
    this.#requests = [];
    this.#issued = [];
    this.#clockOffset = 0;
  }

  /** Handles one request: records it, applies a queued fault if one matches, else answers as Termii does. */
  handle(request: TermiiEmulatorRequest): TermiiEmulatorReply {
    const now = this.now();
    const operation = operationOfPath(request.path);
    const body = parseJsonObject(request.body);
    const apiKey = typeof body?.['api_key'] === 'string' ? body['api_key'] : undefined;
    const record: TermiiRecordedRequest = {
      method: request.method.toUpperCase(),
      path: maskApiKeyInPath(request.path),
      ...(operation ? { operation } : {}),
      body: body === undefined ? undefined : (redactSecret(body, apiKey) as Record<string, unknown>),
      receivedAt: now,
    };
    pushBounded(this.#requests, record, this.#historyLimit);

    const fault = this.takeFault(operation);
    if (fault !== undefined) {
      record.fault = fault.kind;
      const reply = this.faultReply(fault, () => this.answer(request.method, operation, body, apiKey, now));
      if (reply.action === 'respond' || reply.action === 'stall') record.status = reply.response.status;
      return reply;
    }
    const response = this.answer(request.method, operation, body, apiKey, now);
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
    method: string,
    operation: TermiiOperationPath | undefined,
    body: Record<string, unknown> | undefined,
    apiKey: string | undefined,
    now: number,
  ): TermiiEmulatorResponse {
    if (operation === undefined) return json(404, { message: 'Not Found' });
    if (method.toUpperCase() !== 'POST') return json(405, { message: 'Method Not Allowed' }, { allow: 'POST' });
    if (body === undefined) return json(400, { message: 'The request body must be a JSON object' });
    if (!this.accepts(apiKey)) return json(401, { message: 'Unauthorized' });
    return operation === 'generate' ? this.generate(body, now) : this.verify(body, now);
  }

  private accepts(apiKey: string | undefined): boolean {
    if (apiKey === undefined || apiKey.trim() === '') return false;
    return this.#acceptedKeys === undefined || this.#acceptedKeys.has(apiKey);
  }

  private generate(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkGenerateRequest(body);
    if (!check.ok) return json(400, { message: check.message });
    const { pinType, phoneNumber, pinAttempts, pinTimeToLive, pinLength } = check.value;
    const issued: TermiiIssuedPin = {
      pinId: randomUUID(),
      otp: generatePin(pinType, pinLength),
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
    return json(200, {
      status: 'success',
      data: { pin_id: issued.pinId, otp: issued.otp, phone_number: phoneNumber, phone_number_other: 'Termii' },
    });
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
