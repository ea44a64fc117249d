import { Inject, Injectable } from '@nestjs/common';
import { TermiiEmulatorHandle } from '../emulator/termii-emulator-handle.js';
import { TermiiEmulator } from '../emulator/termii-emulator.js';
import { TERMII_TESTING_EMULATOR } from './termii-testing.constants.js';

/**
 * The test's handle on the emulator behind `TermiiTestingModule`: read the PINs it issued and the
 * requests it received, move its clock, and make the next calls fail. Get it with
 * `moduleRef.get(TermiiTestingController)`.
 */
@Injectable()
export class TermiiTestingController extends TermiiEmulatorHandle {
  constructor(@Inject(TERMII_TESTING_EMULATOR) emulator: TermiiEmulator) {
    super(emulator);
  }
}
