import { channel } from 'node:diagnostics_channel';
import type { TermiiOperation } from '../errors/termii-api.error.js';

/**
 * The `node:diagnostics_channel` channel on which `TermiiHttpClient` publishes one `TermiiAttemptEvent`
 * per attempt. Subscribe with `diagnostics_channel.subscribe(TERMII_DIAGNOSTICS_CHANNEL, listener)`.
 */
export const TERMII_DIAGNOSTICS_CHANNEL = 'nestjs-termii:attempt';

/**
 * One attempt of a Termii call, as published on `TERMII_DIAGNOSTICS_CHANNEL`. It names the operation and
 * what happened, never what was sent: no API key, no URL or query, no body, phone number, email or PIN.
 */
export interface TermiiAttemptEvent {
  /** The registration's `name` (`TermiiModule.forRoot({ name })`); `undefined` for the unnamed registration. */
  readonly registration: string | undefined;
  /** Which call the attempt belongs to. */
  readonly operation: TermiiOperation;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  /** The HTTP status of the answer, when one came. */
  readonly status: number | undefined;
  /**
   * The class name of the `TermiiError` this attempt ended with (e.g. `TermiiServerError`,
   * `TermiiTimeoutError`, `TermiiConnectionError`); `undefined` when the answer was used.
   */
  readonly error: string | undefined;
  /** For a failure below HTTP, the system error code (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`, ...). */
  readonly code: string | undefined;
  /** How long the attempt took, in milliseconds (fractional). */
  readonly durationMs: number;
  /** Whether the client retries after this attempt. */
  readonly willRetry: boolean;
}

/** Kept at module level: a channel with subscribers must stay referenced, and lookups by name cost a Map read. */
export const termiiAttemptChannel = channel(TERMII_DIAGNOSTICS_CHANNEL);
