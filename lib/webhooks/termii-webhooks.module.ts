import { Module } from '@nestjs/common';
import { ConfigurableTermiiWebhooksModule } from './termii-webhooks.module-definition.js';

/**
 * Receives Termii's signed events (delivery reports, inbound messages, device status) in a Nest app:
 * `TermiiWebhooksModule.forRoot({ secret })` or `forRootAsync({ path?, imports, inject, useFactory })`
 * registers `POST /termii/events` (or `path`). Mark handlers with `@OnTermiiEvent(...)` on any provider.
 * The app must be created with `rawBody: true`.
 */
@Module({})
export class TermiiWebhooksModule extends ConfigurableTermiiWebhooksModule {}
