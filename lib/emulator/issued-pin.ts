import type { TermiiPinType } from './termii-request-rules.js';

/** A PIN the emulator issued, as a test reads it. */
export interface TermiiIssuedPin {
  /** The `pin_id` answered to the generate request (a UUID); `verify` takes it back. */
  pinId: string;
  /** The PIN itself. */
  otp: string;
  /** As sent in the request: international format, digits only. */
  phoneNumber: string;
  /** As sent in the request: `NUMERIC` or `ALPHANUMERIC`. */
  pinType: TermiiPinType;
  /** As sent in the request: the PIN's length (4–8). */
  pinLength: number;
  /** As sent in the request: how many verify attempts the PIN allows. */
  pinAttempts: number;
  /** Minutes; 0 means no time limit. */
  pinTimeToLive: number;
  /** Emulator clock time (ms) at which it was issued. */
  issuedAt: number;
}
