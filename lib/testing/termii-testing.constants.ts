/** The token of the `TermiiEmulator` a `TermiiTestingModule` answers from (one per compiled module). */
export const TERMII_TESTING_EMULATOR = Symbol('TERMII_TESTING_EMULATOR');
/** The token of the `TermiiDeliveryReporter` posting that emulator's delivery reports (one per compiled module). */
export const TERMII_TESTING_DELIVERY_REPORTER = Symbol('TERMII_TESTING_DELIVERY_REPORTER');
