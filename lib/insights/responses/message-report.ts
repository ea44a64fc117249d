import { messageIdOf } from '../../common/message-id.js';
import { readTermiiPage } from '../../common/pages/termii-page.js';
import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import { numberOf } from './termii-balance.js';
import { isJsonObject, textOf } from './termii-fields.js';

/** One message in Termii's History: what was sent, to whom, and what became of it. */
export interface MessageReport {
  /** Termii's id of the message, always a string of digits exactly as Termii wrote it. */
  messageId: string;
  /** The phone number it went to. */
  receiver: string;
  /** The sender ID it came from; absent on voice rows. */
  sender?: string;
  /** The text sent (empty when Termii gave none). */
  message: string;
  /** What it cost, in the wallet's currency. */
  amount?: number;
  /** Termii's status text as it came, e.g. `Delivered`, `Message Sent`, `DND Active on Phone Number`. */
  status: string;
  /** Termii's `sms_type`: the route or kind, e.g. `generic`, `dnd`, `voice`. */
  channel?: string;
  /** Termii's `send_by`: how it was sent, e.g. `api`. */
  sentBy?: string;
  /** Termii's `created_at` as it came, e.g. `2025-08-07 14:05:53`. */
  createdAt?: string;
}

/**
 * One History row, or `undefined` for a row without a message id, a receiver or a status (the whole answer is
 * then unreadable: a list that silently lacks a row would mislead whoever asks "did it arrive?").
 */
export function readMessageReport(row: unknown): MessageReport | undefined {
  if (!isJsonObject(row)) return undefined;
  // The client parses answers keeping long integers as their digits: a bare 25-digit id arrives as a string.
  const messageId = messageIdOf(row);
  const receiver = textOf(row['receiver']);
  const status = typeof row['status'] === 'string' && row['status'].trim() !== '' ? row['status'] : undefined;
  if (messageId === undefined || receiver === undefined || status === undefined) return undefined;
  const report: MessageReport = {
    messageId,
    receiver,
    message: typeof row['message'] === 'string' ? row['message'] : '',
    status,
  };
  const sender = textOf(row['sender']);
  if (sender !== undefined) report.sender = sender;
  const amount = numberOf(row['amount']);
  if (amount !== undefined) report.amount = amount;
  const channel = textOf(row['sms_type']);
  if (channel !== undefined) report.channel = channel;
  const sentBy = textOf(row['send_by']);
  if (sentBy !== undefined) report.sentBy = sentBy;
  const createdAt = textOf(row['created_at']);
  if (createdAt !== undefined) report.createdAt = createdAt;
  return report;
}

/**
 * The reports in a 2xx History answer — Termii's documented bare array, or a page of one in any shape the
 * shared page reader knows (its rows only) — or `undefined` (the client then throws `TermiiResponseError`)
 * for an empty or non-JSON body, another shape, or a row that is not a report.
 */
export function readMessageHistory({ status, body }: TermiiHttpResponse): MessageReport[] | undefined {
  if (status < 200 || status >= 300) return undefined;
  return readTermiiPage(body, readMessageReport)?.items;
}
