import type { TermiiIssuedPin } from './issued-pin.js';
import type { TermiiRecordedRequest } from './recorded-request.js';
import type { TermiiEmulator } from './termii-emulator.js';
import type { TermiiFault, TermiiFaultOptions } from './termii-fault.js';

/**
 * A test's handle on an emulator: read the PINs it issued and the requests it received, move its clock,
 * make the next calls fail. The sandbox and `TermiiTestingController` are both this handle, so a test
 * reads the same way whichever face it uses.
 */
export class TermiiEmulatorHandle {
  constructor(
    /** The emulator behind the handle, for what the handle does not expose. */
    readonly emulator: TermiiEmulator,
  ) {}

  /** Every PIN issued, oldest first. */
  get pins(): TermiiIssuedPin[] {
    return this.emulator.issuedPins;
  }

  /** The PINs issued for a phone number (`+234 810…` and `234810…` are the same number), oldest first. */
  pinsFor(phoneNumber: string): TermiiIssuedPin[] {
    return this.emulator.pinsFor(phoneNumber);
  }

  /** The last PIN issued for a phone number, or `undefined`: what the user would type. */
  lastOtp(phoneNumber: string): string | undefined {
    return this.emulator.lastPinFor(phoneNumber)?.otp;
  }

  /** The requests received, oldest first, with the API key masked. */
  get requests(): TermiiRecordedRequest[] {
    return this.emulator.requests;
  }

  /** Moves the emulator's time forward, e.g. `advanceClock(5 * 60_000)` to pass a 5-minute time to live. */
  advanceClock(ms: number): void {
    this.emulator.advanceClock(ms);
  }

  /**
   * Makes the next matching call(s) fail with `fault`, e.g. `fail(TermiiFaults.rateLimited(30))`,
   * `fail(TermiiFaults.status(500), { times: 2, operation: 'verify' })`, `fail(TermiiFaults.drop())`,
   * or `fail(TermiiFaults.delay(200))` with a smaller `timeoutMs` for a timeout.
   */
  fail(fault: TermiiFault, options?: TermiiFaultOptions): void {
    this.emulator.fail(fault, options);
  }

  /** Removes every queued fault. */
  clearFaults(): void {
    this.emulator.clearFaults();
  }

  /** PINs that can still be verified now. */
  get livePinCount(): number {
    return this.emulator.livePinCount;
  }

  /** Forgets every PIN, request and fault, and undoes `advanceClock`: call it in `beforeEach` when the emulator is shared. */
  reset(): void {
    this.emulator.reset();
  }
}
