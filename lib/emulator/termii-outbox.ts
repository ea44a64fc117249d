import { randomInt } from 'node:crypto';
import type { TermiiDeliveryListener, TermiiOutboxMessage } from './outbox-message.js';

/** Keeps the last `limit` items of `list`, dropping from the front in batches so that pushing stays cheap. */
export function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit * 2) list.splice(0, list.length - limit);
}

/** Digits only, so that `+234 810 947 7743` and `2348109477743` are one number. */
export function phoneKey(phoneNumber: string): string {
  return phoneNumber.replace(/\D/g, '');
}

/** A phone number by its digits, an email address (it has an `@`) without regard to case. */
export function recipientKey(recipient: string): string {
  return recipient.includes('@') ? recipient.trim().toLowerCase() : phoneKey(recipient);
}

/** A 19-digit message id: beyond a safe JS integer, as Termii's are, so that clients must keep it a string. */
export function newMessageId(): string {
  return `${randomInt(100_000_000, 1_000_000_000)}${String(randomInt(1_000_000_000)).padStart(9, '0')}${randomInt(10)}`;
}

/** A delivery listener must not throw; when one does, say so without disturbing the answer or the other listeners. */
function reportListenerError(error: unknown): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.emitWarning(`A Termii emulator delivery listener failed (${reason})`, 'TermiiEmulatorWarning');
}

/**
 * The emulator's outbox: every delivery any product made (codes, messages, campaigns), oldest first, the
 * last `historyLimit` of them, and the listeners told of each (the delivery reporter among them). Products
 * put deliveries here; nothing else writes to it.
 */
export class TermiiOutbox {
  #messages: TermiiOutboxMessage[] = [];
  readonly #listeners = new Set<TermiiDeliveryListener>();

  constructor(private readonly historyLimit: number) {}

  /** Every delivery, oldest first (the last `historyLimit`), each a copy. */
  get messages(): TermiiOutboxMessage[] {
    return this.#messages.slice(-this.historyLimit).map((message) => ({ ...message }));
  }

  /** The deliveries to a phone number (any formatting) or an email address (any case), oldest first. */
  messagesFor(recipient: string): TermiiOutboxMessage[] {
    const key = recipientKey(recipient);
    return this.messages.filter((message) => recipientKey(message.recipient) === key);
  }

  /**
   * Puts a delivery in the outbox, then tells each listener synchronously with its own copy. A listener's
   * error (or a rejected promise it returns) is reported as a process warning and changes nothing else.
   */
  deliver(message: TermiiOutboxMessage): TermiiOutboxMessage {
    pushBounded(this.#messages, message, this.historyLimit);
    for (const listener of [...this.#listeners]) {
      try {
        const result = listener({ ...message });
        // Any thenable, not only this realm's Promise: its rejection is reported, never left unhandled.
        if (typeof (result as PromiseLike<void> | undefined)?.then === 'function') {
          Promise.resolve(result).catch((error: unknown) => reportListenerError(error));
        }
      } catch (error) {
        reportListenerError(error);
      }
    }
    return { ...message };
  }

  /**
   * Replaces the status of every kept entry of `messageId` to `recipient` (any formatting; one request may
   * name a recipient twice), as its delivery report says. `false` when none is kept.
   */
  setStatus(messageId: string, recipient: string, status: string): boolean {
    const key = recipientKey(recipient);
    let found = false;
    for (const message of this.#messages) {
      if (message.messageId !== messageId || recipientKey(message.recipient) !== key) continue;
      message.status = status;
      found = true;
    }
    return found;
  }

  /** Subscribes `listener` to every later delivery; returns the function that ends the subscription. */
  onDelivery(listener: TermiiDeliveryListener): () => void {
    if (typeof listener !== 'function') throw new TypeError('onDelivery takes a function');
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Forgets every delivery; listeners stay subscribed. */
  clear(): void {
    this.#messages = [];
  }
}
