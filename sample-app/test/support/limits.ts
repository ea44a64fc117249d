import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Answer } from './sample-app.js';

/** The 429 message of the resend cooldown, and of the per-number limit; both capture the seconds. */
export const COOLDOWN = /^A code was just sent to this phone number: a new one may be asked for in (\d+) s\.$/;
export const NUMBER_LIMIT = /^Too many codes were sent to this phone number: a new one may be asked for in (\d+) s\.$/;
export const CLIENT_LIMIT = /^Too many requests from this client: try again in (\d+) s\.$/;

/** Asserts a 429 with this message and a `Retry-After` equal to the seconds it names; returns them. */
export function assertRefused(res: Answer, message: RegExp): number {
  assert.equal(res.status, 429, res.text);
  assert.equal(res.body['error'], 'Too Many Requests');
  const seconds = message.exec(res.body['message'] as string)?.[1];
  assert.ok(seconds, `message: ${String(res.body['message'])}`);
  assert.equal(res.headers.get('retry-after'), seconds);
  return Number(seconds);
}

/** Waits out a `Retry-After` (a few ms more, for the clocks' rounding). */
export function waitOut(seconds: number): Promise<void> {
  return sleep(seconds * 1000 + 50);
}
