/** Termii's Insights paths, below the base URL: used by `InsightsService` and by the emulator. */
export const INSIGHTS_PATHS = Object.freeze({
  getBalance: '/api/get-balance',
  searchNumber: '/api/check/dnd',
  getNumberStatus: '/api/insight/number/query',
  getHistory: '/api/sms/inbox',
} as const);
