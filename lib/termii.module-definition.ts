import { HttpModule } from '@nestjs/axios';
import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import { resolvingOptions } from './common/resolving-options.js';
import { termiiUndiciAdapter } from './http/termii-undici.adapter.js';
import type { TermiiModuleOptions } from './options/termii-module-options.interface.js';
import { TermiiOptions } from './options/termii-options.js';

/**
 * `TermiiModule.forRoot` / `forRootAsync`, built by Nest's `ConfigurableModuleBuilder`.
 * `isGlobal` and `name` are extras: they shape the module and never reach the options object. `isGlobal`
 * makes the module global; `name` makes it a named registration (see `TermiiModule`).
 *
 * - `TERMII_MODULE_OPTIONS`: the injection token of the resolved options.
 * - `TERMII_OPTIONS_TYPE`: the type of `forRoot`'s argument (`TermiiModuleOptions` plus `isGlobal` and `name`), for `typeof`.
 * - `TERMII_ASYNC_OPTIONS_TYPE`: the type of `forRootAsync`'s argument, for `typeof`.
 */
/** What `forRoot` and `forRootAsync` take beside the options: they shape the module, never the options. */
export interface TermiiRegistrationExtras {
  /** Makes the module global. @default false */
  isGlobal: boolean;
  /** Makes it a named registration, whose services are injected with `@Inject…Service(name)`. */
  name?: string;
}

const definition = new ConfigurableModuleBuilder<TermiiModuleOptions>({ moduleName: 'Termii' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createTermiiOptions')
  .setExtras<TermiiRegistrationExtras>({ isGlobal: false, name: undefined }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
    // A private axios instance for each registration: the application's own HttpService and its
    // interceptors never see Termii requests, and two registrations never share defaults. Its adapter
    // sends through undici (see `termiiUndiciAdapter`); the testing kit registers an in-memory one instead.
    imports: [...(definition.imports ?? []), HttpModule.register({ adapter: termiiUndiciAdapter })],
    providers: definition.providers?.map(resolvingTermiiOptions),
  }))
  .build();

/** The base class of `TermiiModule`, with `forRoot` and `forRootAsync`. */
export const ConfigurableTermiiModule = definition.ConfigurableModuleClass;
/** The injection token of the options given to `forRoot` / `forRootAsync` (before validation). */
export const TERMII_MODULE_OPTIONS = definition.MODULE_OPTIONS_TOKEN;
/** The type of `forRoot`'s argument (`TermiiModuleOptions` plus `isGlobal` and `name`), for `typeof`. */
export const TERMII_OPTIONS_TYPE = definition.OPTIONS_TYPE;
/** The type of `forRootAsync`'s argument, for `typeof`. */
export const TERMII_ASYNC_OPTIONS_TYPE = definition.ASYNC_OPTIONS_TYPE;

/** The options provider made to hold the validated `TermiiOptions`, whose API key is never shown. */
function resolvingTermiiOptions(provider: Provider): Provider {
  return resolvingOptions(TERMII_MODULE_OPTIONS, (options: TermiiModuleOptions) => TermiiOptions.resolve(options))(
    provider,
  );
}
