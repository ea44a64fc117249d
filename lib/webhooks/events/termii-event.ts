import { Expose, plainToInstance, Transform } from 'class-transformer';
import { messageIdOf } from '../../common/message-id.js';
import { normaliseTermiiStatus, type TermiiDeliveryStatus } from './termii-delivery-status.js';

/**
 * The kinds of event a handler can ask for: `outbound` (delivery reports), `inbound` (messages sent to
 * you), `device` (device status notifications), `unknown` (any other `type`, still delivered).
 */
export const TERMII_EVENT_TYPES = ['outbound', 'inbound', 'device', 'unknown'] as const;

/** One of `TERMII_EVENT_TYPES`. */
export type TermiiEventType = (typeof TERMII_EVENT_TYPES)[number];

/** A wire value as text: strings as they are, numbers written out; anything else is absent. */
function text({ value }: { value: unknown }): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Termii writes amounts as strings (`"3.9"`); a value that is not a finite number is absent. */
function amount({ value }: { value: unknown }): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** The message id as text: `message_id_str` when Termii sends it (exact for ids beyond 2^53), else `message_id`. */
function messageId({ obj }: { obj: unknown }): string | undefined {
  return messageIdOf(obj as Record<string, unknown>);
}

/**
 * Termii's `status` text. Read from the whole object: class-transformer maps each wire name to one
 * property only, and `status` already feeds the normalised `status`.
 */
function rawStatusOf({ obj }: { obj: unknown }): string {
  return text({ value: (obj as Record<string, unknown>)['status'] }) ?? '';
}

/**
 * What became of a message you sent (`type: "outbound"`): Termii's delivery report, camelCased.
 * Termii sends every field as a string; `cost` is read as a number, `status` normalised.
 */
export class TermiiDeliveryReport {
  /** Always `outbound`. */
  readonly type = 'outbound' as const;

  /** Termii's id of the request that sent the message (absent in older reports). */
  @Expose({ name: 'id' })
  @Transform(text)
  id?: string;

  /**
   * Termii's id of the message: the `message_id` its send endpoints answered, always text (`message_id_str`
   * when the report carries it; a bare JSON number is read digit for digit).
   */
  @Expose({ name: 'message_id' })
  @Transform(messageId)
  messageId!: string;

  /** The phone number the message went to, as Termii wrote it (e.g. `2348109477743`). */
  @Expose({ name: 'receiver' })
  @Transform(text)
  receiver!: string;

  /** The sender ID (SMS) or device ID (WhatsApp). */
  @Expose({ name: 'sender' })
  @Transform(text)
  sender?: string;

  /** The text that was sent. It may hold a one-time code: never log it. */
  @Expose({ name: 'message' })
  @Transform(text)
  message?: string;

  /** When it was sent, as Termii wrote it (`"2020-12-16 11:34:36"`, no time zone given, so not a Date). */
  @Expose({ name: 'sent_at' })
  @Transform(text)
  sentAt?: string;

  /** What Termii charged for it, e.g. `3.9` (from `"3.9"`). */
  @Expose({ name: 'cost' })
  @Transform(amount)
  cost?: number;

  /** The route, e.g. `dnd`, `generic`, `whatsapp` (older reports: `"Number Api"`). */
  @Expose({ name: 'channel' })
  @Transform(text)
  channel?: string;

  /** The outcome, normalised from `rawStatus`. */
  @Expose({ name: 'status' })
  @Transform(({ value }) => normaliseTermiiStatus(value))
  status!: TermiiDeliveryStatus;

  /** Termii's status text as sent, e.g. `"DELIVERED | Message delivered to handset"` (`""` when absent). */
  @Expose()
  @Transform(rawStatusOf)
  rawStatus!: string;
}

/** A message someone sent to your number or device (`type: "inbound"`), camelCased. */
export class TermiiInboundMessage {
  /** Always `inbound`. */
  readonly type = 'inbound' as const;

  /** Termii's id of the request. */
  @Expose({ name: 'id' })
  @Transform(text)
  id?: string;

  /** Termii's id of the message, always text (as for delivery reports). */
  @Expose({ name: 'message_id' })
  @Transform(messageId)
  messageId?: string;

  /** Who sent it (a phone number). */
  @Expose({ name: 'sender' })
  @Transform(text)
  sender?: string;

  /** The number or device that received it. */
  @Expose({ name: 'receiver' })
  @Transform(text)
  receiver?: string;

  /** The text received. */
  @Expose({ name: 'message' })
  @Transform(text)
  message?: string;

  /** When it was received, as Termii wrote it (e.g. `"2020-12-16T10:51:03.000000Z"`). */
  @Expose({ name: 'received_at' })
  @Transform(text)
  receivedAt?: string;

  /** What Termii charged; Termii sends `null` for inbound messages. */
  @Expose({ name: 'cost' })
  @Transform((params) => amount(params) ?? null)
  cost!: number | null;

  /** The route it came through, when Termii says (often `null`, read as absent). */
  @Expose({ name: 'channel' })
  @Transform(text)
  channel?: string;

  /** Normalised from `rawStatus` (Termii sends `"Received"`). */
  @Expose({ name: 'status' })
  @Transform(({ value }) => normaliseTermiiStatus(value))
  status!: TermiiDeliveryStatus;

  /** Termii's status text as sent (`""` when absent). */
  @Expose()
  @Transform(rawStatusOf)
  rawStatus!: string;
}

/**
 * A device status notification (Termii's "device offline" event for WhatsApp/Number API devices). Termii
 * does not document its exact `type` or fields: any `type` that starts with "device" is read as one, and
 * the whole body is kept in `payload`.
 */
export class TermiiDeviceStatusEvent {
  /** Always `device`. */
  readonly type = 'device' as const;

  /** The `type` Termii sent, e.g. `"device"` or `"device_status"`. */
  @Expose({ name: 'type' })
  @Transform(({ value }) => text({ value }) ?? '')
  rawType!: string;

  /** The device, when the event names it (`device_id`, else `device`). */
  @Expose({ name: 'device_id' })
  @Transform(({ value, obj }) => text({ value }) ?? text({ value: (obj as Record<string, unknown>)['device'] }))
  deviceId?: string;

  /** The device's state as Termii wrote it, e.g. `"offline"` (`""` when absent). */
  @Expose({ name: 'status' })
  @Transform(({ value }) => text({ value }) ?? '')
  status!: string;

  /** The whole event as Termii sent it. */
  payload!: Record<string, unknown>;
}

/**
 * An event this package cannot type: an unknown `type`, or an `outbound` report without `message_id` or
 * `receiver`. Delivered anyway (to `unknown` and `*` handlers), so that nothing Termii sends is lost.
 */
export class TermiiUnknownEvent {
  /** Always `unknown`. */
  readonly type = 'unknown' as const;

  /** The `type` Termii sent, when it was a string. */
  rawType?: string;

  /** The whole event as Termii sent it. */
  payload!: Record<string, unknown>;
}

/** Any event a handler can receive. Narrow it on `type`. */
export type TermiiEvent = TermiiDeliveryReport | TermiiInboundMessage | TermiiDeviceStatusEvent | TermiiUnknownEvent;

/** The event class a handler of `type` receives. */
export type TermiiEventOf<T extends TermiiEventType | '*'> = T extends '*'
  ? TermiiEvent
  : Extract<
      TermiiEvent,
      {
        /** The event's type. */
        type: T;
      }
    >;

const READ = { excludeExtraneousValues: true } as const;

/** Reads a verified JSON object as a typed event. Never throws: what it cannot type becomes an unknown event. */
export function readTermiiEvent(payload: Record<string, unknown>): TermiiEvent {
  const rawType = text({ value: payload['type'] });
  const type = rawType?.trim().toLowerCase();
  if (type === 'outbound') {
    const report = plainToInstance(TermiiDeliveryReport, payload, READ);
    if (report.messageId && report.receiver) return report;
  } else if (type === 'inbound') {
    return plainToInstance(TermiiInboundMessage, payload, READ);
  } else if (type?.startsWith('device')) {
    return Object.assign(plainToInstance(TermiiDeviceStatusEvent, payload, READ), { payload });
  }
  return Object.assign(new TermiiUnknownEvent(), { rawType, payload });
}
