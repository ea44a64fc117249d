import { Module, type Provider } from '@nestjs/common';
import { TermiiHttpClient } from './http/termii-http.client.js';
import { InAppTokenService } from './in-app-token/in-app-token.service.js';
import type { TermiiModuleOptions } from './options/termii-module-options.interface.js';
import { TermiiOptions } from './options/termii-options.js';
import { TokenService } from './token/token.service.js';
import { ConfigurableTermiiModule, TERMII_MODULE_OPTIONS } from './termii.module-definition.js';

/**
 * The providers behind `TermiiModule`, given the raw options under `TERMII_MODULE_OPTIONS`.
 * Shared with `TermiiTestingModule`, so that tests run the very same service, client and mapping.
 */
export const TERMII_PROVIDERS: Provider[] = [
  {
    provide: TermiiOptions,
    // Validating here makes bad options fail application start-up, with the field named.
    useFactory: (options: TermiiModuleOptions) => TermiiOptions.resolve(options),
    inject: [TERMII_MODULE_OPTIONS],
  },
  TermiiHttpClient,
  InAppTokenService,
  TokenService,
];

/**
 * Termii for NestJS. Register it once with `TermiiModule.forRoot({ apiKey })` or
 * `TermiiModule.forRootAsync({ imports, inject, useFactory })` (or `useClass` / `useExisting` with a
 * `createTermiiOptions()` method), then inject `InAppTokenService` or `TokenService`.
 */
@Module({
  providers: TERMII_PROVIDERS,
  exports: [InAppTokenService, TokenService],
})
export class TermiiModule extends ConfigurableTermiiModule {}
