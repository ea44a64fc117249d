import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { TermiiDeliveryReporter } from '../emulator/termii-delivery-reporter.js';
import { TermiiEmulatorHandle } from '../emulator/termii-emulator-handle.js';
import { TermiiEmulator } from '../emulator/termii-emulator.js';
import { TERMII_TESTING_DELIVERY_REPORTER, TERMII_TESTING_EMULATOR } from './termii-testing.constants.js';

/**
 * The test's handle on the emulator behind `TermiiTestingModule`: read the PINs it issued and the
 * requests it received, move its clock, make the next calls fail, and choose and read the delivery reports
 * it posts to a webhook. Get it with `moduleRef.get(TermiiTestingController)`.
 */
@Injectable()
export class TermiiTestingController extends TermiiEmulatorHandle implements OnModuleDestroy {
  constructor(
    @Inject(TERMII_TESTING_EMULATOR) emulator: TermiiEmulator,
    @Inject(TERMII_TESTING_DELIVERY_REPORTER) deliveryReporter: TermiiDeliveryReporter,
  ) {
    super(emulator, deliveryReporter);
  }

  /** When the module is destroyed (`app.close()`), pending delivery reports are cancelled and those in flight end. */
  onModuleDestroy(): Promise<void> {
    return this.deliveryReporter.close();
  }
}
