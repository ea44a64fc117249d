import { HttpModule } from '@nestjs/axios';
import { Module, type DynamicModule } from '@nestjs/common';
import { TermiiDeliveryReporter } from '../emulator/termii-delivery-reporter.js';
import { TermiiEmulator } from '../emulator/termii-emulator.js';
import type { TermiiModuleOptions } from '../options/termii-module-options.interface.js';
import { termiiRegistration } from '../registration/termii-registration.js';
import { TERMII_MODULE_OPTIONS } from '../termii.module-definition.js';
import { TERMII_PROVIDERS, TERMII_SERVICES } from '../termii.module.js';
import { createTermiiEmulatorAdapter } from './termii-emulator.adapter.js';
import type { TermiiTestingModuleOptions } from './termii-testing-module-options.js';
import { TERMII_TESTING_DELIVERY_REPORTER, TERMII_TESTING_EMULATOR } from './termii-testing.constants.js';
import { TermiiTestingController } from './termii-testing.controller.js';

/** The key the service sends when the test gives none; any non-empty key is accepted by default. */
export const DEFAULT_TERMII_TESTING_API_KEY = 'termii-testing-key';
/** Never contacted (`.invalid` cannot resolve): the adapter answers in memory, whatever the URL. */
const TESTING_BASE_URL = 'https://termii.emulator.invalid';

/** Holds the emulator, so that the service's HTTP module and the controller share the same one. */
@Module({})
class TermiiTestingEmulatorModule {}

/**
 * A drop-in for `TermiiModule` in tests: the real services (same validation, wire bodies, mapping and
 * errors) whose requests go to an in-memory Termii emulator instead of the network.
 * Inject `TermiiTestingController` to read PINs, move time and inject faults.
 *
 * Each compiled testing module gets its own emulator. Like `TermiiModule`, it is not global unless
 * `isGlobal: true` is given. With `name`, it stands in for `TermiiModule.forRoot({ name })`: its services and
 * its controller are reached with `getTermiiServiceToken(Class, name)` (and the `@Inject…(name)` decorators).
 *
 * @example
 * const moduleRef = await Test.createTestingModule({ imports: [TermiiTestingModule.forRoot(), AuthModule] }).compile();
 * const termii = moduleRef.get(TermiiTestingController);
 */
@Module({})
export class TermiiTestingModule {
  /**
   * Registers the services backed by a fresh in-memory emulator, and `TermiiTestingController`.
   * @param options Every field is optional; see `TermiiTestingModuleOptions` for each default.
   */
  static forRoot(options: TermiiTestingModuleOptions = {}): DynamicModule {
    const {
      apiKey = DEFAULT_TERMII_TESTING_API_KEY,
      isGlobal = false,
      name,
      timeoutMs,
      maxRetries,
      inAppToken,
      token,
      messaging,
      ...emulatorOptions
    } = options;
    const moduleOptions: TermiiModuleOptions = {
      apiKey,
      baseUrl: TESTING_BASE_URL,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(maxRetries !== undefined ? { maxRetries } : {}),
      ...(inAppToken !== undefined ? { inAppToken } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(messaging !== undefined ? { messaging } : {}),
    };
    // One object referenced twice: Nest makes it a single module instance, so a single emulator.
    const emulatorModule: DynamicModule = {
      module: TermiiTestingEmulatorModule,
      providers: [
        { provide: TERMII_TESTING_EMULATOR, useFactory: () => new TermiiEmulator(emulatorOptions) },
        {
          provide: TERMII_TESTING_DELIVERY_REPORTER,
          inject: [TERMII_TESTING_EMULATOR],
          useFactory: (emulator: TermiiEmulator) =>
            new TermiiDeliveryReporter(emulator, emulatorOptions, { context: 'TermiiTestingModule' }),
        },
      ],
      exports: [TERMII_TESTING_EMULATOR, TERMII_TESTING_DELIVERY_REPORTER],
    };
    const registration = termiiRegistration(name, [...TERMII_SERVICES, TermiiTestingController]);
    return {
      module: TermiiTestingModule,
      global: isGlobal,
      imports: [
        emulatorModule,
        // A private axios instance, as in TermiiModule, whose adapter is the emulator.
        HttpModule.registerAsync({
          imports: [emulatorModule],
          inject: [TERMII_TESTING_EMULATOR],
          useFactory: (emulator: TermiiEmulator) => ({ adapter: createTermiiEmulatorAdapter(emulator) }),
        }),
      ],
      providers: [
        { provide: TERMII_MODULE_OPTIONS, useValue: moduleOptions },
        ...TERMII_PROVIDERS,
        ...registration.providers,
      ],
      exports: registration.exports,
    };
  }
}
