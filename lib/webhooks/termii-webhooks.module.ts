import { Module, type DynamicModule } from '@nestjs/common';
import {
  ConfigurableTermiiWebhooksModule,
  TERMII_WEBHOOKS_ASYNC_OPTIONS_TYPE,
  TERMII_WEBHOOKS_OPTIONS_TYPE,
} from './termii-webhooks.module-definition.js';

/**
 * Receives Termii's signed events (delivery reports, inbound messages, device status) in a Nest app:
 * `TermiiWebhooksModule.forRoot({ secret })` or `forRootAsync({ path?, imports, inject, useFactory })`
 * registers `POST /termii/events` (or `path`). Mark handlers with `@OnTermiiEvent(...)` on any provider.
 * The app must be created with `rawBody: true`.
 */
@Module({})
export class TermiiWebhooksModule extends ConfigurableTermiiWebhooksModule {
  /** Registers the endpoint with these options (`secret`, …), and `path` / `decorators` beside them. */
  static override forRoot(options: typeof TERMII_WEBHOOKS_OPTIONS_TYPE): DynamicModule {
    return super.forRoot(options);
  }

  /** Registers the endpoint with options from a factory, a class or an existing provider; `path` as in `forRoot`. */
  static override forRootAsync(options: typeof TERMII_WEBHOOKS_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }
}
