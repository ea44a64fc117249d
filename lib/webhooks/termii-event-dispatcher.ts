import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { TermiiEvent } from './events/termii-event.js';
import { TERMII_EVENT_HANDLER_METADATA, type TermiiEventSubscription } from './on-termii-event.decorator.js';
import { RecentEventKeys } from './recent-event-keys.js';
import { TermiiWebhooksOptions } from './termii-webhooks-options.js';

/** One `@OnTermiiEvent` method, bound to its provider. */
interface TermiiEventHandler {
  /** `Provider.method`, for log lines. */
  name: string;
  types: ReadonlySet<TermiiEventSubscription>;
  call: (event: TermiiEvent) => unknown;
}

/** How long closing the app waits for handlers still running before it goes on without them. */
const SHUTDOWN_GRACE_MS = 10_000;

/** What became of an event handed to `accept`. */
export type TermiiEventAcceptance = 'accepted' | 'replay' | 'closing';

/**
 * Finds the `@OnTermiiEvent` methods of the application's providers and hands each verified event to
 * them, once: after the HTTP answer, each handler on its own, failures logged. Internal to the module.
 */
@Injectable()
export class TermiiEventDispatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TermiiWebhooks');
  private readonly recent: RecentEventKeys;
  private handlers: TermiiEventHandler[] = [];
  private readonly running = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    options: TermiiWebhooksOptions,
  ) {
    this.recent = new RecentEventKeys(options.replayCacheSize, options.replayTtlMs);
  }

  onModuleInit(): void {
    this.handlers = this.discoverHandlers();
    if (this.handlers.length === 0) {
      this.logger.warn('No @OnTermiiEvent handler found: events will be verified and answered, then dropped');
    }
  }

  /** Waits (boundedly) for running handlers, so that they finish before the providers they use go away. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), SHUTDOWN_GRACE_MS)));
    const outcome = await Promise.race([Promise.all(this.running).then(() => 'done' as const), grace]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.logger.warn(
        `${this.running.size} Termii event handler(s) still running after ${SHUTDOWN_GRACE_MS} ms of shutdown`,
      );
    }
  }

  /**
   * Schedules `event` for its handlers unless it is a replay of one seen recently. Returns at once: the
   * handlers start after the caller has answered the request.
   */
  accept(event: TermiiEvent, rawBody: Buffer): TermiiEventAcceptance {
    if (this.closing) return 'closing';
    if (this.recent.checkAndAdd(replayKey(event, rawBody))) return 'replay';
    const handlers = this.handlers.filter((h) => h.types.has('*') || h.types.has(event.type));
    if (handlers.length === 0) return 'accepted';
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => Promise.all(handlers.map((handler) => this.invoke(handler, event))))
      .then(() => undefined);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return 'accepted';
  }

  private async invoke(handler: TermiiEventHandler, event: TermiiEvent): Promise<void> {
    try {
      await handler.call(event);
    } catch (error) {
      // Names the handler and the message, never the body (a report carries the message text, often a code).
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'a non-Error value was thrown';
      this.logger.error(
        `${handler.name} failed on a Termii ${event.type} event${describeEvent(event)}: ${reason}`,
        error instanceof Error ? error.stack : undefined,
      );
    }
  }

  private discoverHandlers(): TermiiEventHandler[] {
    const handlers: TermiiEventHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      const metatype: unknown = wrapper.metatype;
      const prototype: unknown =
        instance !== null && (typeof instance === 'object' || typeof instance === 'function')
          ? Object.getPrototypeOf(instance)
          : (metatype as { prototype?: unknown } | null)?.prototype;
      if (!prototype || typeof prototype !== 'object') continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (prototype as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const types = Reflect.getMetadata(TERMII_EVENT_HANDLER_METADATA, fn) as TermiiEventSubscription[] | undefined;
        if (!types?.length) continue;
        const name = `${(prototype.constructor as { name?: string }).name ?? 'provider'}.${method}`;
        if (!instance || !wrapper.isDependencyTreeStatic()) {
          this.logger.warn(`${name} is not a singleton provider: @OnTermiiEvent handlers must be, so it is not called`);
          continue;
        }
        handlers.push({
          name,
          types: new Set(types),
          call: (event) => (fn as (e: TermiiEvent) => unknown).call(instance, event),
        });
      }
    }
    return handlers;
  }
}

/**
 * Two events are the same when they name the same message (`id`, `message_id`) and outcome; an event
 * naming no message is the same as another only byte for byte.
 */
function replayKey(event: TermiiEvent, rawBody: Buffer): string {
  if (event.type === 'outbound' || event.type === 'inbound') {
    if (event.id !== undefined || event.messageId !== undefined) {
      const outcome = event.status === 'unknown' ? `unknown:${event.rawStatus.trim().toLowerCase()}` : event.status;
      return JSON.stringify([event.type, event.id ?? null, event.messageId ?? null, outcome]);
    }
  }
  return `sha256:${createHash('sha256').update(rawBody).digest('base64')}`;
}

/** `(message 5964…)` for a log line: ids only, never numbers or texts. */
function describeEvent(event: TermiiEvent): string {
  if ((event.type === 'outbound' || event.type === 'inbound') && event.messageId) {
    return ` (message ${event.messageId.slice(0, 64)})`;
  }
  return '';
}
