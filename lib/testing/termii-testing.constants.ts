/** The token of the `TermiiEmulator` a `TermiiTestingModule` answers from (one per compiled module). */
export const TERMII_TESTING_EMULATOR = Symbol('TERMII_TESTING_EMULATOR');
