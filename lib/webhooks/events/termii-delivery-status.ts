/** What became of a message, normalised from Termii's status texts. */
export const TERMII_DELIVERY_STATUSES = [
  'delivered',
  'sent',
  'failed',
  'rejected',
  'expired',
  'dnd',
  'received',
  'unknown',
] as const;

/**
 * - `delivered`: on the handset. `sent`: handed to the network, no final report yet (Termii's first state).
 * - `failed`, `rejected`, `expired`: not delivered, for the reason the name says.
 * - `dnd`: not delivered: do-not-disturb is active on the number (use the `dnd` channel or another route).
 * - `received`: an inbound message. `unknown`: a text we do not recognise (`rawStatus` keeps it).
 */
export type TermiiDeliveryStatus = (typeof TERMII_DELIVERY_STATUSES)[number];

/**
 * Matched in this order against the whole text, case-insensitively: Termii writes the same outcome as
 * `"DELIVERED | Message delivered to handset"`, `"Delivered"` or `"delivered"`. DND and negated deliveries
 * come before `delivered`, so that "DND Active" or "Undelivered" never read as delivered.
 */
const RULES: readonly [RegExp, TermiiDeliveryStatus][] = [
  [/\bdnd\b|do[\s-]*not[\s-]*disturb/i, 'dnd'],
  [/\bun-?deliver|\bnot\s+deliver/i, 'failed'],
  [/\breject/i, 'rejected'],
  [/\bexpire/i, 'expired'],
  [/\bfail/i, 'failed'],
  [/\bdeliver/i, 'delivered'],
  [/\breceived\b/i, 'received'],
  [/\bsent\b|\bsubmitted\b/i, 'sent'],
];

/**
 * The normalised status of one of Termii's status texts, e.g. `"DND Active on Phone Number"` → `dnd`,
 * `"Message Sent"` → `sent`; `unknown` for a text no rule matches (or no text at all).
 */
export function normaliseTermiiStatus(rawStatus: unknown): TermiiDeliveryStatus {
  if (typeof rawStatus !== 'string') return 'unknown';
  for (const [pattern, status] of RULES) if (pattern.test(rawStatus)) return status;
  return 'unknown';
}
