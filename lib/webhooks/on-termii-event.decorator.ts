import type { TermiiEventOf, TermiiEventType } from './events/termii-event.js';

/**
 * The metadata key of `@OnTermiiEvent`. A string, not a symbol: should the package be loaded twice (its
 * ESM and its CommonJS build), handlers marked through one copy are still found by the other.
 */
export const TERMII_EVENT_HANDLER_METADATA = 'nestjs-termii:on-termii-event';

/** What `@OnTermiiEvent` can subscribe to: one event type, or `*` for every event. */
export type TermiiEventSubscription = TermiiEventType | '*';

/** The method decorator `@OnTermiiEvent(...)` gives: it takes methods that take the typed event. */
export interface TermiiEventHandlerDecorator<T extends TermiiEventSubscription> {
  /**
   * Registers the decorated method as a handler.
   * @typeParam M The decorated method's type: it takes the typed event.
   */
  <M extends (event: TermiiEventOf<T>) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void;
}

/**
 * Marks a method of a provider as a handler of Termii events received by `TermiiWebhooksModule`:
 * `@OnTermiiEvent('outbound')` for delivery reports, `'inbound'`, `'device'`, `'unknown'`, or `'*'` for all;
 * several types may be given. The method receives the typed event (`TermiiDeliveryReport` for `outbound`).
 *
 * Handlers run after the endpoint has answered, each on its own: what one throws (or rejects with) is
 * logged and reaches neither the other handlers nor Termii. A replayed event is not handled twice.
 * The provider must be a singleton (the default scope): request-scoped providers are not called.
 */
export function OnTermiiEvent<T extends TermiiEventSubscription>(
  ...types: [T, ...T[]]
): TermiiEventHandlerDecorator<T> {
  if (types.length === 0) throw new TypeError('@OnTermiiEvent needs at least one event type');
  return (_target, _key, descriptor) => {
    const method = descriptor.value;
    if (typeof method !== 'function') throw new TypeError('@OnTermiiEvent decorates methods only');
    const existing = (Reflect.getMetadata(TERMII_EVENT_HANDLER_METADATA, method) as TermiiEventSubscription[]) ?? [];
    Reflect.defineMetadata(TERMII_EVENT_HANDLER_METADATA, [...new Set([...existing, ...types])], method);
  };
}
