import { Inject, Injectable } from '@nestjs/common';
import type { TermiiIssuedPin } from '../emulator/issued-pin.js';
import type { TermiiRecordedRequest } from '../emulator/recorded-request.js';
import { TermiiEmulator } from '../emulator/termii-emulator.js';
import type { TermiiFault, TermiiFaultOptions } from '../emulator/termii-fault.js';
import { TERMII_TESTING_EMULATOR } from './termii-testing.constants.js';

/**
 * The test's handle on the emulator behind `TermiiTestingModule`: read the PINs it issued and the
 * requests it received, move its clock, and make the next calls fail. Get it with
 * `moduleRef.get(TermiiTestingController)`.
 */
@Injectable()
export class TermiiTestingController {
  constructor(@Inject(TERMII_TESTING_EMULATOR) private readonly emulator: TermiiEmulator) {}

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

  /** The requests the service made, oldest first, with the API key masked. */
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

  /** Forgets every PIN, request and fault, and undoes `advanceClock`: call it in `beforeEach` when the module is shared. */
  reset(): void {
    this.emulator.reset();
  }
}
