import type { TermiiEmulatorOptions } from '../emulator/termii-emulator.js';
import type { TermiiModuleOptions } from '../options/termii-module-options.interface.js';

/** Options of `TermiiTestingModule.forRoot()`. Everything is optional. */
export interface TermiiTestingModuleOptions
  extends
    Pick<TermiiModuleOptions, 'timeoutMs' | 'maxRetries' | 'inAppToken' | 'token' | 'messaging'>,
    TermiiEmulatorOptions {
  /** The key the service sends. Pair it with `apiKeys` to test a 401. @default 'termii-testing-key' */
  apiKey?: string;
  /** Register the module globally, as `TermiiModule.forRoot({ isGlobal: true })` does. @default false */
  isGlobal?: boolean;
  /** Stand in for the named registration `TermiiModule.forRoot({ name })`. @default undefined (the unnamed one) */
  name?: string;
}
