export * from './termii.error.js';
export * from './termii-api.error.js';
export * from './termii-transport.error.js';
export * from './termii-bulk-send.error.js';
