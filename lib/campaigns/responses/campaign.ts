import { messageIdOf } from '../../common/message-id.js';
import { amountOf, countOf, idOf, objectOf, textOf } from './read-fields.js';

/** A campaign, as `CampaignService.list` reads it. */
export interface Campaign {
  /** Termii's id of the campaign (`campaign_id`, always text): what `history` and `retry` take. */
  id: string;
  /** The phonebook it went to (`phone_book`), as Termii names it. */
  phonebook: string;
  /** The sender ID it came from. */
  sender: string;
  /** `camp_type`, e.g. `regular` or `personalized`. */
  type: string;
  /** The route, e.g. `dnd` or `generic`. */
  channel: string;
  /** How many contacts it goes to (`total_recipients`). */
  totalRecipients: number;
  /** When it runs or ran (`run_at`), as Termii wrote it. */
  runAt?: string;
  /** Termii's word on it, e.g. `Scheduled`, `Completed`, `Failed`. */
  status: string;
  /** When it was made (`created_at`), as Termii wrote it. */
  createdAt?: string;
}

/** One message of a campaign, as `CampaignService.history` reads it. */
export interface CampaignRecipient {
  /** The number it went to. */
  receiver: string;
  /** The text sent. */
  message: string;
  /** Termii's word on the delivery, e.g. `Delivered`. */
  status: string;
  /** What it cost, when Termii says. */
  amount?: number;
  /** The route, when Termii says. */
  channel?: string;
  /** Termii's message id, digit for digit (some have ~90 digits: never a JavaScript number). */
  messageId: string;
}

/** One row of a campaign list; `undefined` when a documented field is missing. */
export function readCampaign(item: unknown): Campaign | undefined {
  const row = objectOf(item);
  if (row === undefined) return undefined;
  const id = idOf(row['campaign_id']);
  const phonebook = textOf(row['phone_book']);
  const sender = textOf(row['sender']);
  const type = textOf(row['camp_type']);
  const channel = textOf(row['channel']);
  const totalRecipients = countOf(row['total_recipients']);
  const status = textOf(row['status']);
  if (
    id === undefined ||
    phonebook === undefined ||
    sender === undefined ||
    type === undefined ||
    channel === undefined ||
    totalRecipients === undefined ||
    status === undefined
  ) {
    return undefined;
  }
  const campaign: Campaign = { id, phonebook, sender, type, channel, totalRecipients, status };
  const runAt = textOf(row['run_at']);
  const createdAt = textOf(row['created_at']);
  if (runAt !== undefined) campaign.runAt = runAt;
  if (createdAt !== undefined) campaign.createdAt = createdAt;
  return campaign;
}

/** One row of a campaign's history; `undefined` without a receiver, a message, a status or a message id. */
export function readCampaignRecipient(item: unknown): CampaignRecipient | undefined {
  const row = objectOf(item);
  if (row === undefined) return undefined;
  const receiver = idOf(row['receiver']);
  const message = typeof row['message'] === 'string' ? row['message'] : undefined;
  const status = textOf(row['status']);
  const messageId = messageIdOf(row);
  if (receiver === undefined || message === undefined || status === undefined || messageId === undefined) {
    return undefined;
  }
  const recipient: CampaignRecipient = { receiver, message, status, messageId };
  const amount = amountOf(row['amount']);
  const channel = textOf(row['channel']);
  if (amount !== undefined) recipient.amount = amount;
  if (channel !== undefined) recipient.channel = channel;
  return recipient;
}
