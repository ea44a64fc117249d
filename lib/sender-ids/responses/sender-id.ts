import { jsonObjectOf, nonBlankTextOf } from '../../common/answer-fields.js';
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

/**
 * One row of a sender-ID list, from either host's shape; `undefined` when it is not one (no `sender_id`, or a
 * status no host has used), which makes the whole answer a `TermiiResponseError` rather than a short list.
 */
export function readSenderId(row: unknown): SenderId | undefined {
  const fields = jsonObjectOf(row);
  if (fields === undefined) return undefined;
  const senderId = nonBlankTextOf(fields['sender_id']);
  const rawStatus = nonBlankTextOf(fields['status']);
  const status = rawStatus === undefined ? undefined : STATUSES[rawStatus.trim().toLowerCase()];
  if (senderId === undefined || rawStatus === undefined || status === undefined) return undefined;
  const company = nonBlankTextOf(fields['company']);
  const useCase = nonBlankTextOf(fields['usecase']) ?? nonBlankTextOf(fields['use_case']);
  const country = nonBlankTextOf(fields['country']);
  const createdAt = nonBlankTextOf(fields['createdAt']) ?? nonBlankTextOf(fields['created_at']);
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
