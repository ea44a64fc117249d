import type { TermiiIssuedPin } from './token/issued-pin.js';
import {
  TermiiDeliveryReporter,
  type TermiiDeliveryOutcome,
  type TermiiNextDeliveryOptions,
  type TermiiWebhookDelivery,
} from './termii-delivery-reporter.js';
import type { TermiiEventDelivery } from './termii-event-sender.js';
import type { TermiiDeliveryListener, TermiiOutboxMessage } from './outbox-message.js';
import type { TermiiRecordedRequest } from './recorded-request.js';
import type { TermiiEmulator } from './termii-emulator.js';
import type { TermiiFault, TermiiFaultOptions } from './termii-fault.js';
import type { TermiiSenderIdEntry } from './sender-ids/sender-id-registry.js';

/**
 * A test's handle on an emulator: read the PINs it issued, the messages it delivered and the requests it
 * received, read or set its balance, move its clock, make the next calls fail, choose and read the delivery
 * reports posted to a webhook. The sandbox and `TermiiTestingController` are both this handle, so a test
 * reads the same way whichever face it uses.
 */
export class TermiiEmulatorHandle {
  constructor(
    /** The emulator behind the handle, for what the handle does not expose. */
    readonly emulator: TermiiEmulator,
    /** What posts the emulator's delivery reports; by default one without a webhook, which sends nothing. */
    protected readonly deliveryReporter: TermiiDeliveryReporter = new TermiiDeliveryReporter(emulator),
  ) {}

  /** Every PIN issued, oldest first. */
  get pins(): TermiiIssuedPin[] {
    return this.emulator.issuedPins;
  }

  /** The PINs issued for a phone number (`+234 810…` and `234810…` are the same number), oldest first. */
  pinsFor(phoneNumber: string): TermiiIssuedPin[] {
    return this.emulator.pinsFor(phoneNumber);
  }

  /**
   * The last PIN issued for a phone number, or `undefined`: what the user would type. The latest across
   * In-App generate (returned to the app) and Send Token / Voice Token (delivered by SMS or voice).
   */
  lastOtp(phoneNumber: string): string | undefined {
    return this.emulator.lastPinFor(phoneNumber)?.otp;
  }

  /**
   * The outbox: every delivery (SMS, voice, voice call, email), oldest first, the last `historyLimit` of
   * them. In-App generate delivers nothing, so it adds nothing here.
   */
  get messages(): TermiiOutboxMessage[] {
    return this.emulator.messages;
  }

  /** The deliveries to a phone number (`+234 810…` and `234810…` are the same) or an email address (any case), oldest first. */
  messagesFor(recipient: string): TermiiOutboxMessage[] {
    return this.emulator.messagesFor(recipient);
  }

  /** The last delivery to a phone number or an email address, or `undefined`: what the user received. */
  lastMessage(recipient: string): TermiiOutboxMessage | undefined {
    return this.emulator.lastMessageFor(recipient);
  }

  /**
   * Calls `listener` with each delivery as it happens (synchronously, before the answer goes out); see
   * `TermiiEmulator.onDelivery`. Returns the function that ends the subscription.
   */
  onDelivery(listener: TermiiDeliveryListener): () => void {
    return this.emulator.onDelivery(listener);
  }

  /** The wallet's balance now: each delivery takes its channel's price; a send it cannot pay gets "Insufficient balance". */
  get balance(): number {
    return this.emulator.balance;
  }

  /** Sets the wallet's balance (a finite number ≥ 0), e.g. `setBalance(0)` to make the next send fail. */
  setBalance(balance: number): void {
    this.emulator.setBalance(balance);
  }

  /**
   * Puts `phoneNumber` (any formatting) on the Do-Not-Disturb list (`true`) or takes it off (`false`), as the
   * `dndNumbers` option does at the start: Search then says `DND blacklisted`, and an SMS on the `generic`
   * route is accepted but not delivered (its outbox entry, History row and delivery report say
   * `DND Active on Phone Number`). `reset()` puts back the `dndNumbers`.
   */
  setDnd(phoneNumber: string, active: boolean): void {
    if (typeof active !== 'boolean') throw new TypeError('setDnd takes true or false');
    this.emulator.dnd.set(phoneNumber, active);
  }

  /**
   * Makes Status (`getNumberStatus`) report `phoneNumber` (any formatting) as ported (`true`) or not
   * (`false`, every number's state until set). `reset()` clears it.
   */
  setPorted(phoneNumber: string, ported: boolean): void {
    this.emulator.ported.set(phoneNumber, ported);
  }

  /** The requests received, oldest first, with the API key masked. */
  get requests(): TermiiRecordedRequest[] {
    return this.emulator.requests;
  }

  /**
   * Moves the emulator's time forward, e.g. `advanceClock(5 * 60_000)` to pass a 5-minute time to live; a
   * campaign scheduled up to the new time is sent before it returns.
   */
  advanceClock(ms: number): void {
    this.emulator.advanceClock(ms);
  }

  /**
   * Makes the next matching call(s) fail with `fault`, e.g. `fail(TermiiFaults.rateLimited(30))`,
   * `fail(TermiiFaults.status(500), { times: 2, operation: 'verify' })`, `fail(TermiiFaults.drop())`,
   * `fail(TermiiFaults.insufficientBalance(), { operation: 'send' })`,
   * or `fail(TermiiFaults.delay(200))` with a smaller `timeoutMs` for a timeout.
   */
  fail(fault: TermiiFault, options?: TermiiFaultOptions): void {
    this.emulator.fail(fault, options);
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.emulator.clearFaults();
  }

  /**
   * The account's sender IDs, in the order they were added: the `senderIds` option, those requested through
   * `POST /api/sender-id/request` (`pending`), and those set by `approveSenderId` / `blockSenderId`. Empty
   * means every sender ID is accepted; with any entry, a send from a sender ID that is not `active` gets
   * Termii's 404 "Invalid Sender Id".
   */
  get senderIds(): TermiiSenderIdEntry[] {
    return this.emulator.senderIds.list();
  }

  /**
   * Approves a sender ID (`active`), as Termii does after a request; one not yet known is added. Adding the
   * first one turns the registry on: from then on only `active` sender IDs may send.
   */
  approveSenderId(senderId: string): void {
    this.emulator.senderIds.setStatus(senderId, 'active', this.emulator.now());
  }

  /** Blocks a sender ID (`blocked`): sends from it are refused (404); one not yet known is added. */
  blockSenderId(senderId: string): void {
    this.emulator.senderIds.setStatus(senderId, 'blocked', this.emulator.now());
  }

  /** PINs that can still be verified now. */
  get livePinCount(): number {
    return this.emulator.livePinCount;
  }

  /**
   * Sets (or changes) the webhook URL the delivery reports and `sendEvent` events are posted to, for an app
   * whose URL is known only once it listens: start with `webhookSecret` alone, then, e.g.,
   * `await app.listen(0, '127.0.0.1')`, then `sandbox.setWebhookUrl(appUrl + '/termii/events')`.
   * Deliveries made before a URL was set get no report.
   * @throws TermiiConfigError naming `webhookUrl` (not http: or https:) or `webhookSecret` (not given at start).
   */
  setWebhookUrl(url: string): void {
    this.deliveryReporter.setUrl(url);
  }

  /**
   * Reports every later SMS or voice delivery to `phoneNumber` (`+234 810…` and `234810…` are the same)
   * with `outcome`, e.g. `setDeliveryOutcome('+234 810 947 7743', 'failed')`; `'delivered'` restores the default.
   * @throws TermiiConfigError when no `webhookSecret` is set (nothing would be reported).
   */
  setDeliveryOutcome(phoneNumber: string, outcome: TermiiDeliveryOutcome): void {
    this.deliveryReporter.setOutcome(phoneNumber, outcome);
  }

  /**
   * Reports the next SMS or voice delivery, whoever receives it, with `outcome` (before any outcome set for
   * its recipient), optionally after its own `delayMs`. Calls queue up: two calls cover the next two deliveries.
   * @throws TermiiConfigError when no `webhookSecret` is set.
   */
  nextDeliveryOutcome(outcome: TermiiDeliveryOutcome, options?: TermiiNextDeliveryOptions): void {
    this.deliveryReporter.nextOutcome(outcome, options);
  }

  /**
   * Signs and posts any event to the webhook now, e.g. `sendEvent(termiiInboundMessage({ … }))`, and resolves
   * with the endpoint's answer `{ status, body, sentBody }` (4xx and 5xx included); also recorded in `webhookDeliveries`.
   * @throws TermiiEventDeliveryError when no answer came (refused, timeout, closed); TermiiConfigError without `webhookUrl`.
   */
  sendEvent(event: object | string): Promise<TermiiEventDelivery> {
    return this.deliveryReporter.send(event);
  }

  /** Delivery reports and `sendEvent` events not yet answered: waiting for `deliveryReportDelayMs`, or in flight. */
  get pendingDeliveryReports(): number {
    return this.deliveryReporter.pendingCount;
  }

  /**
   * What the webhook answered to each event posted (delivery reports and `sendEvent`), oldest first, the
   * last `historyLimit`: `{ event, status, body }`, or `{ event, error }` when no answer came.
   */
  get webhookDeliveries(): TermiiWebhookDelivery[] {
    return this.deliveryReporter.deliveries;
  }

  /**
   * Posts every pending delivery report now, without waiting for its delay, and resolves once each event
   * posted has its answer (or error), so `webhookDeliveries` is complete. Use it instead of a sleep (an app
   * that answers before its handlers run, as `TermiiWebhooksModule` does, may still be running them).
   */
  flushDeliveryReports(): Promise<void> {
    return this.deliveryReporter.flush();
  }

  /**
   * Forgets every PIN, request, outbox message and fault, undoes `advanceClock` and restores the start
   * balance (delivery listeners stay); forgets the delivery outcomes set, the reports not yet posted and
   * `webhookDeliveries`: call it in `beforeEach` when the emulator is shared.
   */
  reset(): void {
    this.emulator.reset();
    this.deliveryReporter.reset();
  }
}
