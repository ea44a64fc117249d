import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { CampaignService } from './campaigns/campaign.service.js';
import { ContactService } from './campaigns/contact.service.js';
import { PhonebookService } from './campaigns/phonebook.service.js';
import { TermiiHttpClient } from './http/termii-http.client.js';
import { InAppTokenService } from './in-app-token/in-app-token.service.js';
import { InsightsService } from './insights/insights.service.js';
import { MessagingService } from './messaging/messaging.service.js';
import { SenderIdService } from './sender-ids/sender-id.service.js';
import type { TermiiModuleOptions } from './options/termii-module-options.interface.js';
import { TermiiOptions } from './options/termii-options.js';
import { TokenService } from './token/token.service.js';
import { termiiRegistration } from './registration/termii-registration.js';
import {
  ConfigurableTermiiModule,
  TERMII_ASYNC_OPTIONS_TYPE,
  TERMII_MODULE_OPTIONS,
  TERMII_OPTIONS_TYPE,
} from './termii.module-definition.js';

/**
 * The services a registration provides and exports: by class for the unnamed registration, by
 * `getTermiiServiceToken(Service, name)` for a named one. A new service is one line here.
 */
export const TERMII_SERVICES: readonly Type<unknown>[] = [
  InAppTokenService,
  TokenService,
  InsightsService,
  MessagingService,
  SenderIdService,
  PhonebookService,
  ContactService,
  CampaignService,
];

/**
 * The plumbing behind every registration's services, given the raw options under `TERMII_MODULE_OPTIONS`.
 * Shared with `TermiiTestingModule`, so that tests run the very same services, client and mapping. The
 * services themselves (`TERMII_SERVICES`) are added by `termiiRegistration`, under the tokens of the name.
 */
export const TERMII_PROVIDERS: Provider[] = [
  {
    provide: TermiiOptions,
    // Validating here makes bad options fail application start-up, with the field named.
    useFactory: (options: TermiiModuleOptions) => TermiiOptions.resolve(options),
    inject: [TERMII_MODULE_OPTIONS],
  },
  TermiiHttpClient,
];

/**
 * Termii for NestJS. Register it once with `TermiiModule.forRoot({ apiKey })` or
 * `TermiiModule.forRootAsync({ imports, inject, useFactory })` (or `useClass` / `useExisting` with a
 * `createTermiiOptions()` method), then inject `InAppTokenService`, `TokenService`, `InsightsService`,
 * `MessagingService` and `SenderIdService`.
 *
 * Several accounts: add `name` (`forRoot({ name: 'ghana', ... })`, `forRootAsync({ name, ... })`) for a
 * registration of its own options, client and connections beside the unnamed one. Its services are injected
 * with `@InjectInAppTokenService(name)`, `@InjectInsightsService(name)`, ... or `getTermiiServiceToken`.
 */
@Module({})
export class TermiiModule extends ConfigurableTermiiModule {
  /** Registers Termii with these options (`name` for a named registration, `isGlobal` to make it global). */
  static override forRoot(options: typeof TERMII_OPTIONS_TYPE): DynamicModule {
    return withServices(super.forRoot(options), options.name);
  }

  /** Registers Termii with options from a factory, a class or an existing provider; `name` as in `forRoot`. */
  static override forRootAsync(options: typeof TERMII_ASYNC_OPTIONS_TYPE): DynamicModule {
    return withServices(super.forRootAsync(options), options.name);
  }
}

/** A registration's module: the options from the builder, plus the services and how they are exported. */
function withServices(definition: DynamicModule, name: string | undefined): DynamicModule {
  const registration = termiiRegistration(name, TERMII_SERVICES);
  return {
    ...definition,
    providers: [...(definition.providers ?? []), ...TERMII_PROVIDERS, ...registration.providers],
    exports: [...(definition.exports ?? []), ...registration.exports],
  };
}
