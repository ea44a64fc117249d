import { randomInt } from 'node:crypto';
import type { TermiiPinType } from './token-request-rules.js';

const DIGITS = '0123456789';
const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random PIN of the given kind and length, from a cryptographic source (tests may assert on its format). */
export function generatePin(type: TermiiPinType, length: number): string {
  const alphabet = type === 'NUMERIC' ? DIGITS : LETTERS_AND_DIGITS;
  let pin = '';
  for (let i = 0; i < length; i++) pin += alphabet[randomInt(alphabet.length)];
  return pin;
}
