import type { TermiiDndList } from './insights/dnd-list.js';
import type { TermiiPortedNumbers } from './insights/ported-numbers.js';
import type { TermiiSenderIdRegistry } from './sender-ids/sender-id-registry.js';
import type { TermiiOutbox } from './termii-outbox.js';
import type { TermiiWallet } from './termii-wallet.js';
import type { TermiiEmulatorRoute } from './emulator-route.js';

/**
 * What the emulator's products share: one clock, one wallet, one outbox, one sender-ID registry and one DND
 * list, so that a Send Token, a message and a campaign pay, deliver and are refused alike.
 */
export interface TermiiEmulatorState {
  /** The emulator's time: its clock plus every `advanceClock`. */
  now(): number;
  readonly wallet: TermiiWallet;
  readonly outbox: TermiiOutbox;
  readonly senderIds: TermiiSenderIdRegistry;
  readonly dnd: TermiiDndList;
  /** The numbers Status reports as ported (a test sets them; Insights reads them). */
  readonly ported: TermiiPortedNumbers;
  /** The account holder's name, answered as `user`. */
  readonly accountName: string;
  /** How many recorded items of each kind are kept for reading. */
  readonly historyLimit: number;
}

/**
 * One Termii product as the emulator plays it (the Token API, messaging, sender IDs, insights, campaigns):
 * its routes, and the state of its own it forgets on `reset()`. A product is taught to the emulator once;
 * the sandbox (HTTP) and the testing module (in memory) both get it.
 */
export interface TermiiEmulatorProduct {
  readonly routes: readonly TermiiEmulatorRoute[];
  /** Forgets the product's own state (the shared state is reset by the emulator). */
  reset(): void;
  /**
   * Hears the emulator's clock: called with the time after every `advanceClock` and before each request is
   * answered, e.g. to run what was scheduled for then (campaigns). Optional.
   */
  onClock?(now: number): void;
}
