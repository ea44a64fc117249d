export { TermiiEmulator, type TermiiEmulatorOptions } from './termii-emulator.js';
export { TermiiEmulatorHandle } from './termii-emulator-handle.js';
export type { TermiiEmulatorRequest, TermiiEmulatorResponse, TermiiEmulatorReply } from './termii-emulator-exchange.js';
export { TermiiFaults, type TermiiFault, type TermiiFaultOptions } from './termii-fault.js';
export { TERMII_EMULATOR_PATHS, type TermiiOperationPath } from './termii-paths.js';
export type { TermiiIssuedPin } from './issued-pin.js';
export type { TermiiRecordedRequest } from './recorded-request.js';
export type { TermiiPinType } from './termii-request-rules.js';
