export { TermiiTestingModule, DEFAULT_TERMII_TESTING_API_KEY } from './termii-testing.module.js';
export type { TermiiTestingModuleOptions } from './termii-testing-module-options.js';
export { TermiiTestingController } from './termii-testing.controller.js';
export { createTermiiEmulatorAdapter } from './termii-emulator.adapter.js';
export * from '../emulator/index.js';
