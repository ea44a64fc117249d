export { startTermiiSandbox, type TermiiSandbox, type TermiiSandboxOptions } from './termii-sandbox.js';
export * from '../emulator/index.js';
