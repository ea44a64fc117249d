/** Termii's Insights paths, below the base URL: used by `InsightsService` and by the emulator. */
export const INSIGHTS_PATHS = Object.freeze({
  getBalance: '/api/get-balance',
} as const);
