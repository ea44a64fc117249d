import { ConfigurableModuleBuilder, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { resolvingOptions } from '../common/resolving-options.js';
import { TermiiConfigError } from '../errors/termii.error.js';
import { TermiiEventDispatcher } from './termii-event-dispatcher.js';
import { termiiEventsControllerAt } from './termii-events.controller.js';
import { TermiiWebhooksOptions, type TermiiWebhooksModuleOptions } from './termii-webhooks-options.js';

/** Where the endpoint is routed unless `path` says otherwise. */
export const DEFAULT_TERMII_WEBHOOK_PATH = '/termii/events';

/**
 * `TermiiWebhooksModule.forRoot` / `forRootAsync`, built by Nest's `ConfigurableModuleBuilder`. Two extras,
 * given next to the options (and known when the module is declared, since routes are fixed then):
 * - `path`: the endpoint's route. @default '/termii/events'
 * - `decorators`: class decorators applied to the endpoint's controller, e.g. `[Public()]`. @default []
 *
 * - `TERMII_WEBHOOKS_MODULE_OPTIONS`: the injection token of the resolved options.
 * - `TERMII_WEBHOOKS_OPTIONS_TYPE` / `TERMII_WEBHOOKS_ASYNC_OPTIONS_TYPE`: the argument types, for `typeof`.
 */
export const {
  ConfigurableModuleClass: ConfigurableTermiiWebhooksModule,
  MODULE_OPTIONS_TOKEN: TERMII_WEBHOOKS_MODULE_OPTIONS,
  OPTIONS_TYPE: TERMII_WEBHOOKS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: TERMII_WEBHOOKS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<TermiiWebhooksModuleOptions>({ moduleName: 'TermiiWebhooks' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createTermiiWebhooksOptions')
  .setExtras(
    { path: DEFAULT_TERMII_WEBHOOK_PATH, decorators: [] as ClassDecorator[] },
    (definition, { path, decorators }): DynamicModule => ({
      ...definition,
      imports: [...(definition.imports ?? []), DiscoveryModule],
      controllers: [termiiEventsControllerAt(checkPath(path), decorators ?? [])],
      providers: [
        ...(definition.providers ?? []).map(
          resolvingOptions(TERMII_WEBHOOKS_MODULE_OPTIONS, (options: TermiiWebhooksModuleOptions) =>
            TermiiWebhooksOptions.resolve(options),
          ),
        ),
        { provide: TermiiWebhooksOptions, useExisting: TERMII_WEBHOOKS_MODULE_OPTIONS },
        TermiiEventDispatcher,
      ],
    }),
  )
  .build();

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || !/^\/?[^?#\s]*$/.test(path)) {
    throw new TermiiConfigError('path', 'must be a URL path without query or fragment, e.g. "/termii/events"');
  }
  return path;
}
