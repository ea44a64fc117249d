/** Termii's Insights paths, below the base URL: used by `InsightsService` and by the emulator. */
export const INSIGHTS_PATHS = Object.freeze({
  /** GET: the wallet balance, key in the query. */
  getBalance: '/api/get-balance',
  /** GET: Search, whether a number is on DND and its network. */
  searchNumber: '/api/check/dnd',
  /** GET: Status, a number's network and whether it was ported. */
  getNumberStatus: '/api/insight/number/query',
  /** GET: History, the messages sent and their statuses. */
  getHistory: '/api/sms/inbox',
} as const);
