import type { TermiiPinType } from './token-request-rules.js';

/** How a PIN reached its user: returned to the app (In-App Token), or sent by Termii by SMS or voice call. */
export type TermiiPinChannel = 'in-app' | 'sms' | 'voice';

/** A PIN the emulator issued, as a test reads it. */
export interface TermiiIssuedPin {
  /** The PIN's id answered to the request (`pin_id` or `pinId`, a UUID); `verify` takes it back. */
  pinId: string;
  /** The PIN itself. */
  otp: string;
  /** Which endpoint issued it: `in-app` (generate), `sms` (Send Token), `voice` (Voice Token). */
  channel: TermiiPinChannel;
  /** As sent in the request: international format, digits only. */
  phoneNumber: string;
  /** As sent in the request: `NUMERIC` or `ALPHANUMERIC` (always `NUMERIC` for voice). */
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
