import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { TermiiModuleOptions } from './options/termii-module-options.interface.js';

/**
 * `TermiiModule.forRoot` / `forRootAsync`, built by Nest's `ConfigurableModuleBuilder`.
 * `isGlobal` is an extra: it makes the module global and never reaches the options object.
 */
export const {
  ConfigurableModuleClass: ConfigurableTermiiModule,
  MODULE_OPTIONS_TOKEN: TERMII_MODULE_OPTIONS,
  OPTIONS_TYPE: TERMII_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: TERMII_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<TermiiModuleOptions>({ moduleName: 'Termii' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createTermiiOptions')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
