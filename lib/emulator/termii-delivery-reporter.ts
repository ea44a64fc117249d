import { Logger } from '@nestjs/common';
import { TermiiConfigError } from '../errors/termii.error.js';
import type { TermiiSignatureEncoding } from '../webhooks/sign-termii-event.js';
import {
  TERMII_STATUS_TEXTS,
  termiiDeliveryReport,
  type TermiiEventPayload,
} from '../webhooks/termii-event-builders.js';
import { DND_ACTIVE_STATUS } from './insights/dnd-list.js';
import { maskRecipient } from './mask-recipient.js';
import type { TermiiOutboxMessage } from './outbox-message.js';
import type { TermiiEmulator } from './termii-emulator.js';
import { TermiiEventDeliveryError, TermiiEventSender, type TermiiEventDelivery } from './termii-event-sender.js';
import { newMessageId, phoneKey as outboxPhoneKey } from './termii-outbox.js';

/**
 * What a delivery report says happened to an SMS or voice delivery: Termii's status, written as its text
 * (`dnd` → `"DND Active on Phone Number"`, see `TERMII_STATUS_TEXTS`).
 */
export type TermiiDeliveryOutcome = 'delivered' | 'sent' | 'failed' | 'dnd' | 'expired' | 'rejected';

/** Every outcome a delivery report can be given. */
export const TERMII_DELIVERY_OUTCOMES: readonly TermiiDeliveryOutcome[] = [
  'delivered',
  'sent',
  'failed',
  'dnd',
  'expired',
  'rejected',
];

/**
 * Delivery reports: with `webhookUrl` and `webhookSecret`, the sandbox and the testing kit POST a signed
 * delivery report to the app for each SMS, voice and voice-call delivery (not email), as Termii does.
 * The URL can also be given later, with `setWebhookUrl` (e.g. once an app on port 0 listens).
 */
export interface TermiiDeliveryReportOptions {
  /**
   * The app's webhook URL (http: or https:), e.g. `http://127.0.0.1:3000/termii/events`. No reports without
   * it; give `webhookSecret` alone and `setWebhookUrl(url)` later when the URL is known only then.
   */
  webhookUrl?: string;
  /** The signing secret the app checks (`TermiiWebhooksModule`'s `secret`). Required for reports; never logged. */
  webhookSecret?: string;
  /** The header that carries the signature. @default 'x-termii-signature' */
  webhookSignatureHeader?: string;
  /** The HMAC's hash. @default 'sha512' */
  webhookAlgorithm?: string;
  /** How the signature is written. @default 'hex' */
  webhookEncoding?: TermiiSignatureEncoding;
  /**
   * How long after a delivery its report is posted, in milliseconds (0 to 600000); `flushDeliveryReports()`
   * sends pending reports at once. @default 20 (just after the send call's answer, as with Termii)
   */
  deliveryReportDelayMs?: number;
  /** How long one report may take (connect, send, whole answer) before it is recorded as failed. @default 5000 */
  webhookTimeoutMs?: number;
}

/** What the webhook endpoint answered to one event the emulator posted (a delivery report, or `sendEvent`'s). */
export interface TermiiWebhookDelivery {
  /** The event as sent: a delivery report's Termii fields, or what `sendEvent` was given. */
  event: object | string;
  /** The HTTP status the endpoint answered (any, 4xx and 5xx included); absent when it gave no answer. */
  status?: number;
  /** The answer's body text (at most 64 KiB); absent when there was no answer. */
  body?: string;
  /** Why there was no answer: no connection, no answer in time, or abandoned on close. */
  error?: TermiiEventDeliveryError;
}

/** Options of one `nextDeliveryOutcome`. */
export interface TermiiNextDeliveryOptions {
  /** This report's delay instead of `deliveryReportDelayMs`, in milliseconds. */
  delayMs?: number;
}

/** How the face that owns the reporter wants it to log. */
export interface TermiiDeliveryReporterLogging {
  /** The Nest `Logger` context. @default 'TermiiEmulator' */
  context?: string;
  /** Also log each report the endpoint accepted (failures are always logged, as warnings). @default false */
  logAccepted?: boolean;
}

const DEFAULT_DELAY_MS = 20;
const MAX_DELAY_MS = 600_000;
const DEFAULT_HISTORY_LIMIT = 1_000;
// An HTTP header name (RFC 9110 token).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/** The option names of the sender's fields, so that a bad option is named as the user wrote it. */
const OPTION_NAMES: Record<string, string> = {
  url: 'webhookUrl',
  secret: 'webhookSecret',
  algorithm: 'webhookAlgorithm',
  encoding: 'webhookEncoding',
  timeoutMs: 'webhookTimeoutMs',
};

function delayOf(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_DELAY_MS) {
    throw new TermiiConfigError(field, `must be an integer number of milliseconds from 0 to ${MAX_DELAY_MS}`);
  }
  return value;
}

function checkOutcome(outcome: unknown): TermiiDeliveryOutcome {
  if (!TERMII_DELIVERY_OUTCOMES.includes(outcome as TermiiDeliveryOutcome)) {
    throw new TypeError(`The delivery outcome must be one of ${TERMII_DELIVERY_OUTCOMES.join(', ')}`);
  }
  return outcome as TermiiDeliveryOutcome;
}

/** The outbox's key of a number (digits only), or a `TypeError` for one without digits. */
function phoneKey(phoneNumber: unknown): string {
  const key = typeof phoneNumber === 'string' ? outboxPhoneKey(phoneNumber) : '';
  if (key === '') throw new TypeError('setDeliveryOutcome takes a phone number with digits');
  return key;
}

/** Termii's report for a delivery: the message text as Termii carries it; the route for SMS, `whatsapp`, else `voice`. */
function reportOf(message: TermiiOutboxMessage, outcome: TermiiDeliveryOutcome): TermiiEventPayload {
  return termiiDeliveryReport({
    // A fresh 19-digit id, as Termii's request ids are.
    id: newMessageId(),
    messageId: message.messageId,
    messageIdStr: message.messageId,
    receiver: message.recipient,
    status: outcome,
    ...(message.from !== undefined ? { sender: message.from } : {}),
    ...(message.text !== undefined ? { message: message.text } : {}),
    sentAt: new Date(message.sentAt),
    cost: message.cost,
    channel:
      message.channel === 'sms'
        ? (message.smsChannel ?? 'generic')
        : message.channel === 'whatsapp'
          ? 'whatsapp'
          : 'voice',
  });
}

/** A line about a report that names the message, its status and a masked receiver; never the text or the code. */
function describe(event: object | string): string {
  if (typeof event !== 'object' || (event as TermiiEventPayload)['type'] !== 'outbound') return 'The Termii event';
  const report = event as TermiiEventPayload;
  const receiver = typeof report['receiver'] === 'string' ? maskRecipient(report['receiver']) : 'unknown';
  return `The delivery report "${report['status']}" of message ${report['message_id']} to ${receiver}`;
}

/** A placeholder URL, only to check the other sender options when `webhookUrl` comes later. */
const URL_TO_COME = 'http://127.0.0.1/';

/**
 * Posts Termii's signed delivery reports for an emulator's deliveries to an app's webhook, as Termii does
 * after an SMS or a voice call: one per `sms`, `voice` and `voice-call` delivery (email gets none), after
 * `deliveryReportDelayMs`, with the outcome a test chose (`delivered` by default). It records what the
 * endpoint answered, logs failures (never the secret, the code or the message text) and never touches the
 * emulator's answers. The sandbox and the testing kit each own one and expose it through their handle.
 *
 * Without `webhookSecret` it sends nothing (and its setters say so); with the secret but no URL yet, it
 * sends nothing until `setUrl` (deliveries before then get no report). Its timers never keep a process
 * alive (`unref`): a test or a command that is done exits, pending reports or not. `close()` cancels
 * pending reports and abandons those in flight, leaving no timer or socket behind.
 */
export class TermiiDeliveryReporter {
  /** Whose outbox a posted report's status is written to (History answers it). */
  readonly #emulator: TermiiEmulator;
  /** Makes the sender for a URL, with the secret and signature options given (validated at construction). */
  readonly #senderFor: ((url: string) => TermiiEventSender) | undefined;
  #sender: TermiiEventSender | undefined;
  readonly #delayMs: number;
  readonly #historyLimit: number;
  readonly #logger: Logger;
  readonly #logAccepted: boolean;
  readonly #unsubscribe: (() => void) | undefined;
  readonly #outcomes = new Map<string, TermiiDeliveryOutcome>();
  #next: { outcome: TermiiDeliveryOutcome; delayMs?: number }[] = [];
  /** Reports waiting for their delay, each with the function that posts it. */
  readonly #pending = new Map<NodeJS.Timeout, () => void>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #abort = new AbortController();
  #deliveries: TermiiWebhookDelivery[] = [];
  /** Bumped by `reset()`, so that an answer to an earlier event does not land in the fresh history. */
  #generation = 0;

  /**
   * @param emulator Whose deliveries to report.
   * @param options The emulator's options; only the delivery-report ones (and `historyLimit`) are read, and none is kept.
   * @throws TermiiConfigError naming the first invalid option (never the secret).
   */
  constructor(
    emulator: TermiiEmulator,
    options: TermiiDeliveryReportOptions & { historyLimit?: number } = {},
    logging: TermiiDeliveryReporterLogging = {},
  ) {
    this.#emulator = emulator;
    const { webhookUrl, webhookSecret } = options;
    this.#delayMs =
      options.deliveryReportDelayMs === undefined
        ? DEFAULT_DELAY_MS
        : delayOf(options.deliveryReportDelayMs, 'deliveryReportDelayMs');
    this.#historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
    this.#logger = new Logger(logging.context ?? 'TermiiEmulator');
    this.#logAccepted = logging.logAccepted ?? false;
    if (webhookSecret === undefined) {
      if (webhookUrl !== undefined) throw new TermiiConfigError('webhookSecret', 'is required with webhookUrl');
      return;
    }
    const header = options.webhookSignatureHeader;
    if (header !== undefined && (typeof header !== 'string' || !HEADER_NAME.test(header))) {
      throw new TermiiConfigError('webhookSignatureHeader', 'must be an HTTP header name, e.g. "x-termii-signature"');
    }
    // Only the values the sender needs are captured, not the options object (which holds the API keys).
    const signing = {
      secret: webhookSecret,
      ...(options.webhookSignatureHeader !== undefined ? { signatureHeader: options.webhookSignatureHeader } : {}),
      ...(options.webhookAlgorithm !== undefined ? { algorithm: options.webhookAlgorithm } : {}),
      ...(options.webhookEncoding !== undefined ? { encoding: options.webhookEncoding } : {}),
      ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
    };
    this.#senderFor = (url) => {
      try {
        return new TermiiEventSender({ url, ...signing });
      } catch (error) {
        if (error instanceof TermiiConfigError && OPTION_NAMES[error.field]) {
          throw new TermiiConfigError(OPTION_NAMES[error.field], error.message.replace(/^.*?": /, ''));
        }
        throw error;
      }
    };
    // Every option is checked now, the URL too when it is given, so that a typo fails at start-up.
    const sender = this.#senderFor(webhookUrl ?? URL_TO_COME);
    if (webhookUrl !== undefined) this.#sender = sender;
    this.#unsubscribe = emulator.onDelivery((message) => this.#schedule(message));
  }

  /** Whether reports are being posted: `webhookSecret` and a URL (`webhookUrl` or `setUrl`) are both set. */
  get enabled(): boolean {
    return this.#sender !== undefined;
  }

  /**
   * Posts the reports of later deliveries, and later events, to `url` (http: or https:): for an app whose
   * URL is known only once it listens (port 0). Reports already scheduled go there too.
   * @throws TermiiConfigError naming `webhookUrl` (an invalid URL) or `webhookSecret` (not given).
   */
  setUrl(url: string): void {
    if (this.#senderFor === undefined) {
      throw new TermiiConfigError('webhookSecret', 'is required to post delivery reports to a webhook URL');
    }
    this.#sender = this.#senderFor(url);
  }

  /** Reports and events not yet answered: scheduled (waiting for `deliveryReportDelayMs`) or in flight. */
  get pendingCount(): number {
    return this.#pending.size + this.#inFlight.size;
  }

  /** What the endpoint answered to each event posted, oldest first (the last `historyLimit`). */
  get deliveries(): TermiiWebhookDelivery[] {
    return this.#deliveries.slice(-this.#historyLimit).map((delivery) => ({ ...delivery }));
  }

  /** Reports every later delivery to `phoneNumber` (any formatting) with `outcome`; `delivered` restores the default. */
  setOutcome(phoneNumber: string, outcome: TermiiDeliveryOutcome): void {
    this.#requireWebhook();
    const key = phoneKey(phoneNumber);
    if (checkOutcome(outcome) === 'delivered') this.#outcomes.delete(key);
    else this.#outcomes.set(key, outcome);
  }

  /** Reports the next SMS or voice delivery (whoever receives it) with `outcome`; calls queue up in order. */
  nextOutcome(outcome: TermiiDeliveryOutcome, options: TermiiNextDeliveryOptions = {}): void {
    this.#requireWebhook();
    checkOutcome(outcome);
    const delayMs = options.delayMs === undefined ? undefined : delayOf(options.delayMs, 'delayMs');
    this.#next.push({ outcome, ...(delayMs !== undefined ? { delayMs } : {}) });
  }

  /**
   * Signs and posts any event (an object, sent as JSON, or the exact body text) to the webhook now, and
   * resolves with the endpoint's answer (4xx and 5xx included); it is recorded with the reports.
   * @throws TermiiEventDeliveryError when there was no answer (no connection, timeout, closed).
   */
  send(event: object | string): Promise<TermiiEventDelivery> {
    this.#requireWebhook(true);
    return this.#post(event);
  }

  /** Posts every pending report now (not waiting for its delay) and resolves once every event posted has its answer or error. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0 || this.#inFlight.size > 0) {
      for (const [timer, post] of this.#pending) {
        clearTimeout(timer);
        this.#pending.delete(timer);
        post();
      }
      await Promise.allSettled([...this.#inFlight]);
    }
  }

  /** Forgets the outcomes set, the queued next outcomes, the reports not yet posted and the recorded answers. */
  reset(): void {
    this.#outcomes.clear();
    this.#next = [];
    for (const timer of this.#pending.keys()) clearTimeout(timer);
    this.#pending.clear();
    this.#deliveries = [];
    this.#generation++;
  }

  /** Stops reporting: cancels pending reports, abandons those in flight, and resolves when they have ended. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    for (const timer of this.#pending.keys()) clearTimeout(timer);
    this.#pending.clear();
    this.#abort.abort();
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Outcomes can be chosen once a secret is given (the URL may come later); `send` needs the URL. */
  #requireWebhook(needsUrl = false): void {
    if (this.#senderFor === undefined || (needsUrl && this.#sender === undefined)) {
      throw new TermiiConfigError(
        'webhookUrl',
        'is not set, so the emulator sends no events (give webhookUrl and webhookSecret, or setWebhookUrl)',
      );
    }
  }

  /**
   * Called with each delivery; picks its outcome and posts its report after the delay, writing the report's
   * status to the outbox entry as it goes. A message the `generic` route held back for DND was never
   * delivered: its report says `dnd`, and it takes no outcome queued for the next delivery.
   */
  #schedule(message: TermiiOutboxMessage): void {
    if (message.channel === 'email' || this.#abort.signal.aborted || this.#sender === undefined) return;
    const heldForDnd = message.status === DND_ACTIVE_STATUS;
    const next = heldForDnd ? undefined : this.#next.shift();
    const outcome = heldForDnd
      ? 'dnd'
      : (next?.outcome ?? this.#outcomes.get(phoneKey(message.recipient)) ?? 'delivered');
    const report = reportOf(message, outcome);
    const post = (): void => {
      this.#emulator.setMessageStatus(message.messageId, message.recipient, TERMII_STATUS_TEXTS[outcome]);
      void this.#post(report).catch(() => undefined);
    };
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      post();
    }, next?.delayMs ?? this.#delayMs);
    // A report not yet due must not keep a finished test run or command alive; close() or flush() ends it.
    timer.unref();
    this.#pending.set(timer, post);
  }

  /** Posts one event, records the answer (or the error), and logs a failure. */
  #post(event: object | string): Promise<TermiiEventDelivery> {
    const sender = this.#sender as TermiiEventSender;
    const generation = this.#generation;
    const record = (delivery: TermiiWebhookDelivery): void => {
      if (generation !== this.#generation) return;
      this.#deliveries.push(delivery);
      if (this.#deliveries.length > this.#historyLimit * 2) {
        this.#deliveries.splice(0, this.#deliveries.length - this.#historyLimit);
      }
    };
    const sent = sender.send(event, { signal: this.#abort.signal }).then(
      (delivery) => {
        record({ event, status: delivery.status, body: delivery.body });
        if (delivery.status < 200 || delivery.status > 299) {
          this.#logger.warn(`${describe(event)} was answered HTTP ${delivery.status} by ${sender.url}`);
        } else if (this.#logAccepted) {
          this.#logger.log(`${describe(event)} was accepted (HTTP ${delivery.status})`);
        }
        return delivery;
      },
      (error: unknown) => {
        const failure =
          error instanceof TermiiEventDeliveryError ? error : new TermiiEventDeliveryError('connection', sender.url);
        record({ event, error: failure });
        if (failure.reason !== 'aborted') this.#logger.warn(`${describe(event)} failed: ${failure.message}`);
        throw failure;
      },
    );
    const tracked = sent.catch(() => undefined);
    this.#inFlight.add(tracked);
    void tracked.then(() => this.#inFlight.delete(tracked));
    return sent;
  }
}
