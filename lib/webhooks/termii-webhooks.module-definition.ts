import { ConfigurableModuleBuilder, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { resolvingOptions } from '../common/resolving-options.js';
import { TermiiConfigError } from '../errors/termii.error.js';
import { TermiiEventDispatcher } from './termii-event-dispatcher.js';
import { termiiEventsControllerAt } from './termii-events.controller.js';
import { TermiiWebhooksOptions, type TermiiWebhooksModuleOptions } from './termii-webhooks-options.js';

/** Where the endpoint is routed unless `path` says otherwise. */
export const DEFAULT_TERMII_WEBHOOK_PATH = '/termii/events';

/** What `forRoot` and `forRootAsync` take beside the options: fixed when the module is declared, as routes are. */
export interface TermiiWebhooksRegistrationExtras {
  /** The endpoint's route (the global prefix applies, URI versioning does not). @default '/termii/events' */
  path: string;
  /** Class decorators applied to the endpoint's controller, e.g. `[Public()]` or `[SkipThrottle()]`. @default [] */
  decorators?: ClassDecorator[];
}

/**
 * `TermiiWebhooksModule.forRoot` / `forRootAsync`, built by Nest's `ConfigurableModuleBuilder`. Two extras,
 * given next to the options (and known when the module is declared, since routes are fixed then):
 * - `path`: the endpoint's route. @default '/termii/events'
 * - `decorators`: class decorators applied to the endpoint's controller, e.g. `[Public()]`. @default []
 *
 * - `TERMII_WEBHOOKS_MODULE_OPTIONS`: the injection token of the resolved options.
 * - `TERMII_WEBHOOKS_OPTIONS_TYPE` / `TERMII_WEBHOOKS_ASYNC_OPTIONS_TYPE`: the argument types, for `typeof`.
 */
const definition = new ConfigurableModuleBuilder<TermiiWebhooksModuleOptions>({ moduleName: 'TermiiWebhooks' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createTermiiWebhooksOptions')
  .setExtras<TermiiWebhooksRegistrationExtras>(
    { path: DEFAULT_TERMII_WEBHOOK_PATH, decorators: [] },
    (definition, { path, decorators }): DynamicModule => ({
      ...definition,
      imports: [...(definition.imports ?? []), DiscoveryModule],
      controllers: [termiiEventsControllerAt(checkPath(path), decorators ?? [])],
      providers: [
        ...(definition.providers ?? []).map(
          resolvingOptions(definitionToken(), (options: TermiiWebhooksModuleOptions) =>
            TermiiWebhooksOptions.resolve(options),
          ),
        ),
        { provide: TermiiWebhooksOptions, useExisting: definitionToken() },
        TermiiEventDispatcher,
      ],
    }),
  )
  .build();

/** The options token, read when a module is registered (after `definition` exists). */
function definitionToken(): string | symbol {
  return definition.MODULE_OPTIONS_TOKEN;
}

/** The base class of `TermiiWebhooksModule`, with `forRoot` and `forRootAsync`. */
export const ConfigurableTermiiWebhooksModule = definition.ConfigurableModuleClass;
/** The injection token of the options given to `forRoot` / `forRootAsync` (before validation). */
export const TERMII_WEBHOOKS_MODULE_OPTIONS = definition.MODULE_OPTIONS_TOKEN;
/** The type of `forRoot`'s argument (the options plus `path` and `decorators`), for `typeof`. */
export const TERMII_WEBHOOKS_OPTIONS_TYPE = definition.OPTIONS_TYPE;
/** The type of `forRootAsync`'s argument, for `typeof`. */
export const TERMII_WEBHOOKS_ASYNC_OPTIONS_TYPE = definition.ASYNC_OPTIONS_TYPE;

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || !/^\/?[^?#\s]*$/.test(path)) {
    throw new TermiiConfigError('path', 'must be a URL path without query or fragment, e.g. "/termii/events"');
  }
  return path;
}
