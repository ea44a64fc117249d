import type { TermiiIssuedPin } from './issued-pin.js';

/** A PIN and its state, as the store keeps it. */
export interface StoredPin {
  readonly issued: TermiiIssuedPin;
  attemptsLeft: number;
  /** Clock time at which the time to live runs out; `Infinity` for a time to live of 0 (no time limit). */
  readonly expiresAt: number;
  /** Clock time at which it was used up: verified, or its last attempt spent. */
  endedAt?: number;
}

/** Whether a stored PIN can still be verified at `now`. */
export function isLive(pin: StoredPin, now: number): boolean {
  return pin.endedAt === undefined && now < pin.expiresAt;
}

/** Sweep at most once per this much clock time... */
const SWEEP_INTERVAL_MS = 1_000;
/** ...and only after this share of the store was added since the last sweep, so sweeping stays O(1) per PIN on average. */
const SWEEP_GROWTH_DIVISOR = 8;
const MIN_INSERTS_BETWEEN_SWEEPS = 64;

/**
 * The emulator's PINs, with memory bounded two ways: a PIN that can no longer be verified is kept only
 * `retentionMs` after it ended (so that verifying it answers "Expired" rather than "unknown" for a while),
 * and at most `maxPins` are kept at all — the oldest is evicted first (verifying it then answers 422).
 */
export class PinStore {
  /** A `Map` iterates in insertion order, so its first entry is always the oldest PIN. */
  private readonly pins = new Map<string, StoredPin>();
  private lastSweepAt = Number.NEGATIVE_INFINITY;
  private insertsSinceSweep = 0;

  constructor(
    readonly maxPins: number,
    readonly retentionMs: number,
  ) {}

  get(pinId: string): StoredPin | undefined {
    return this.pins.get(pinId);
  }

  add(pin: StoredPin, now: number): void {
    this.insertsSinceSweep++;
    if (
      now - this.lastSweepAt >= SWEEP_INTERVAL_MS &&
      this.insertsSinceSweep >= Math.max(MIN_INSERTS_BETWEEN_SWEEPS, this.pins.size / SWEEP_GROWTH_DIVISOR)
    ) {
      this.sweep(now);
    }
    while (this.pins.size >= this.maxPins) {
      const oldest = this.pins.keys().next().value as string;
      this.pins.delete(oldest);
    }
    this.pins.set(pin.issued.pinId, pin);
  }

  /** Drops every PIN that ended more than `retentionMs` ago. */
  sweep(now: number): void {
    this.lastSweepAt = now;
    this.insertsSinceSweep = 0;
    for (const [pinId, pin] of this.pins) {
      const endedAt = Math.min(pin.expiresAt, pin.endedAt ?? Number.POSITIVE_INFINITY);
      if (now >= endedAt + this.retentionMs) this.pins.delete(pinId);
    }
  }

  /** PINs kept in memory, live or ended. */
  get size(): number {
    return this.pins.size;
  }

  /** PINs that can still be verified at `now`. */
  liveCount(now: number): number {
    let count = 0;
    for (const pin of this.pins.values()) if (isLive(pin, now)) count++;
    return count;
  }

  clear(): void {
    this.pins.clear();
    this.insertsSinceSweep = 0;
    this.lastSweepAt = Number.NEGATIVE_INFINITY;
  }
}
