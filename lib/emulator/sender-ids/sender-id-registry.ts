/** A sender ID's state at Termii: usable (`active`), waiting for Termii's approval (`pending`), or `blocked`. */
export type TermiiSenderIdStatus = 'active' | 'pending' | 'blocked';

/** A sender ID in the emulator's registry. */
export interface TermiiSenderIdEntry {
  /** The sender ID, as messages name it in `from`. */
  senderId: string;
  /** Whether sends from it are accepted (`active`), or refused with 404 "Invalid Sender Id". */
  status: TermiiSenderIdStatus;
  /** The company that asked for it. */
  company?: string;
  /** What it is used for, as the request said. */
  useCase?: string;
  /** @default 'Nigeria' */
  country?: string;
  /** Emulator clock time (ms) it was added. */
  createdAt: number;
}

/** A sender ID given in the emulator's `senderIds` option. */
export type TermiiSenderIdSeed = Pick<TermiiSenderIdEntry, 'senderId' | 'status'> &
  Partial<Pick<TermiiSenderIdEntry, 'company' | 'useCase' | 'country'>>;

const STATUSES: readonly TermiiSenderIdStatus[] = ['active', 'pending', 'blocked'];

/** Termii's answer to a send from a sender ID it will not send from (pending, blocked or unknown). */
export const SENDER_ID_REFUSED_BODY = Object.freeze({ message: 'Invalid Sender Id' });
/** The status Termii answers a send from a sender ID that is not active with. */
export const SENDER_ID_REFUSED_STATUS = 404;

function checkStatus(status: unknown): TermiiSenderIdStatus {
  if (!STATUSES.includes(status as TermiiSenderIdStatus)) {
    throw new TypeError(`A sender ID's status must be one of ${STATUSES.join(', ')}`);
  }
  return status as TermiiSenderIdStatus;
}

/**
 * The sender IDs the emulated account owns. Empty (the default) means "not configured": every sender ID is
 * accepted, as the emulator always did. Once it has entries, a send (Send Token, messages, campaigns) from a
 * sender ID that is not `active` is refused as Termii refuses it: 404 "Invalid Sender Id".
 */
export class TermiiSenderIdRegistry {
  readonly #seed: readonly TermiiSenderIdSeed[];
  readonly #entries = new Map<string, TermiiSenderIdEntry>();

  constructor(seed: readonly TermiiSenderIdSeed[] = [], now = 0) {
    if (!Array.isArray(seed)) throw new TypeError('senderIds must be an array of { senderId, status }');
    this.#seed = seed.map((entry: TermiiSenderIdSeed) => ({
      ...entry,
      status: checkStatus((entry as Partial<TermiiSenderIdSeed> | undefined)?.status),
    }));
    this.reset(now);
  }

  /** Every sender ID, in the order they were added. */
  list(): TermiiSenderIdEntry[] {
    return [...this.#entries.values()].map((entry) => ({ ...entry }));
  }

  /** The sender ID of that name, or `undefined`. */
  get(senderId: string): TermiiSenderIdEntry | undefined {
    const entry = this.#entries.get(senderId);
    return entry && { ...entry };
  }

  /** Adds a sender ID, or replaces the one of that name. */
  add(entry: Omit<TermiiSenderIdEntry, 'createdAt'>, now: number): TermiiSenderIdEntry {
    if (typeof entry?.senderId !== 'string' || entry.senderId.trim() === '') {
      throw new TypeError('A sender ID must be a non-empty string');
    }
    const added: TermiiSenderIdEntry = {
      country: 'Nigeria',
      ...entry,
      status: checkStatus(entry.status),
      createdAt: now,
    };
    this.#entries.set(entry.senderId, added);
    return { ...added };
  }

  /** Sets the status of a sender ID (adding it when unknown). */
  setStatus(senderId: string, status: TermiiSenderIdStatus, now: number): void {
    const entry = this.#entries.get(senderId);
    if (entry === undefined) this.add({ senderId, status }, now);
    else entry.status = checkStatus(status);
  }

  /** Whether a send from `senderId` is refused: the registry is configured and the ID is not active in it. */
  refuses(senderId: string): boolean {
    return this.#entries.size > 0 && this.#entries.get(senderId)?.status !== 'active';
  }

  /** Back to the sender IDs of the `senderIds` option. */
  reset(now: number): void {
    this.#entries.clear();
    for (const entry of this.#seed) this.add(entry, now);
  }
}
