import { SenderIdStatus } from '../sender-id-status.enum.js';

/** A sender ID of the account, as Termii lists it. */
export interface SenderId {
  /** The sender ID itself, e.g. `Acme`. */
  senderId: string;
  /** Its state, the same on every host: older hosts' `unblock` is `active`, their `block` is `blocked`. */
  status: SenderIdStatus;
  /** The status exactly as Termii wrote it, e.g. `unblock`. */
  rawStatus: string;
  /** The company it was requested for, when Termii says. */
  company?: string;
  /** What it is for, when Termii says (`usecase` or `use_case`). */
  useCase?: string;
  /** The country it is registered in, when Termii says. */
  country?: string;
  /** When it was requested, as Termii wrote it (`createdAt` or `created_at`), e.g. `2021-09-13 15:06:39`. */
  createdAt?: string;
}

/** Every status text hosts have used, by its meaning. */
const STATUSES: Readonly<Record<string, SenderIdStatus>> = {
  active: SenderIdStatus.ACTIVE,
  unblock: SenderIdStatus.ACTIVE,
  pending: SenderIdStatus.PENDING,
  blocked: SenderIdStatus.BLOCKED,
  block: SenderIdStatus.BLOCKED,
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * One row of a sender-ID list, from either host's shape; `undefined` when it is not one (no `sender_id`, or a
 * status no host has used), which makes the whole answer a `TermiiResponseError` rather than a short list.
 */
export function readSenderId(row: unknown): SenderId | undefined {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return undefined;
  const fields = row as Record<string, unknown>;
  const senderId = text(fields['sender_id']);
  const rawStatus = text(fields['status']);
  const status = rawStatus === undefined ? undefined : STATUSES[rawStatus.trim().toLowerCase()];
  if (senderId === undefined || rawStatus === undefined || status === undefined) return undefined;
  const company = text(fields['company']);
  const useCase = text(fields['usecase']) ?? text(fields['use_case']);
  const country = text(fields['country']);
  const createdAt = text(fields['createdAt']) ?? text(fields['created_at']);
  return {
    senderId,
    status,
    rawStatus,
    ...(company !== undefined ? { company } : {}),
    ...(useCase !== undefined ? { useCase } : {}),
    ...(country !== undefined ? { country } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
  };
}
