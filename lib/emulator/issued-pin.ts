import type { TermiiPinType } from './termii-request-rules.js';

/** A PIN the emulator issued, as a test reads it. */
export interface TermiiIssuedPin {
  pinId: string;
  /** The PIN itself. */
  otp: string;
  /** As sent in the request: international format, digits only. */
  phoneNumber: string;
  pinType: TermiiPinType;
  pinLength: number;
  pinAttempts: number;
  /** Minutes; 0 means no time limit. */
  pinTimeToLive: number;
  /** Emulator clock time (ms) at which it was issued. */
  issuedAt: number;
}
