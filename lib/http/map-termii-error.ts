import {
  TermiiApiError,
  TermiiAuthenticationError,
  TermiiInsufficientBalanceError,
  TermiiRateLimitError,
  TermiiServerError,
  type TermiiOperation,
} from '../errors/termii-api.error.js';
import { TermiiResponseError } from '../errors/termii-transport.error.js';
import type { TermiiError } from '../errors/termii.error.js';
import type { TermiiHttpResponse } from './termii-http-response.js';

const MAX_MESSAGE_LENGTH = 200;

/**
 * Termii's own `message` text from an error body, made safe to show: the API key replaced wherever it
 * appears (some servers echo the request back), control characters dropped, and shortened.
 */
export function termiiMessageOf(body: unknown, apiKey: string): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const { message } = body as Record<string, unknown>;
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  // Redact before shortening, so that no prefix of the key survives a cut.
  const redacted = message
    .split(apiKey)
    .join('[REDACTED]')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : redacted;
}

const INSUFFICIENT_BALANCE = /insufficient\s+balance/i;

/**
 * Whether Termii's `message` says the account's balance cannot pay ("Insufficient balance", in any case):
 * read from the whole text, before it is shortened for an error.
 */
export function saysInsufficientBalance(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const { message } = body as Record<string, unknown>;
  return typeof message === 'string' && INSUFFICIENT_BALANCE.test(message);
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`; `undefined` if absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The one place an HTTP answer becomes an error: for an answer the operation could not use.
 * "Insufficient balance" at any status is a `TermiiInsufficientBalanceError`; any other 2xx is a
 * `TermiiResponseError` (wrong shape); other statuses map to the `TermiiApiError` family.
 */
export function mapTermiiError(operation: TermiiOperation, response: TermiiHttpResponse, apiKey: string): TermiiError {
  const { status, body } = response;
  // Users must tell "top up the wallet" from every other refusal, whichever status Termii chose for it.
  if (saysInsufficientBalance(body)) {
    return new TermiiInsufficientBalanceError(operation, status, termiiMessageOf(body, apiKey));
  }
  if (status >= 200 && status < 300) {
    return new TermiiResponseError(operation, status, response.isJson ? 'not the documented JSON shape' : 'not JSON');
  }
  const message = termiiMessageOf(body, apiKey);
  if (status === 401 || status === 403) return new TermiiAuthenticationError(operation, status, message);
  if (status === 429) return new TermiiRateLimitError(operation, status, message, parseRetryAfter(response.retryAfter));
  if (status >= 500) return new TermiiServerError(operation, status, message);
  return new TermiiApiError(operation, status, message);
}
