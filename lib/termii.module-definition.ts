import { HttpModule } from '@nestjs/axios';
import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
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
export const {
  ConfigurableModuleClass: ConfigurableTermiiModule,
  MODULE_OPTIONS_TOKEN: TERMII_MODULE_OPTIONS,
  OPTIONS_TYPE: TERMII_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: TERMII_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<TermiiModuleOptions>({ moduleName: 'Termii' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createTermiiOptions')
  .setExtras<{ isGlobal: boolean; name?: string }>({ isGlobal: false, name: undefined }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
    // A private axios instance for each registration: the application's own HttpService and its
    // interceptors never see Termii requests, and two registrations never share defaults. Its adapter
    // sends through undici (see `termiiUndiciAdapter`); the testing kit registers an in-memory one instead.
    imports: [...(definition.imports ?? []), HttpModule.register({ adapter: termiiUndiciAdapter })],
    providers: definition.providers?.map(resolvingOptions),
  }))
  .build();

/**
 * Makes the options provider (`useValue` for `forRoot`; a factory for `useFactory`, `useClass` and
 * `useExisting`) hold the validated `TermiiOptions`, whose API key `util.inspect` and `JSON.stringify` never
 * show, instead of the user's plain object. Invalid options thus fail start-up with a `TermiiConfigError`.
 */
function resolvingOptions(provider: Provider): Provider {
  if (typeof provider !== 'object' || provider.provide !== TERMII_MODULE_OPTIONS) return provider;
  if ('useValue' in provider) {
    const options = provider.useValue as TermiiModuleOptions;
    return { provide: TERMII_MODULE_OPTIONS, useFactory: () => TermiiOptions.resolve(options) };
  }
  if ('useFactory' in provider) {
    const { useFactory, inject } = provider;
    return {
      provide: TERMII_MODULE_OPTIONS,
      useFactory: async (...deps: unknown[]) =>
        TermiiOptions.resolve((await useFactory(...deps)) as TermiiModuleOptions),
      inject,
    };
  }
  return provider;
}
