import { CAMPAIGN_PATHS } from '../campaigns/campaigns.paths.js';
import type { TermiiOperation } from '../errors/termii-api.error.js';
import { IN_APP_TOKEN_PATHS } from '../in-app-token/in-app-token.paths.js';
import { INSIGHTS_PATHS } from '../insights/insights.paths.js';
import { TOKEN_PATHS } from '../token/token.paths.js';
import { MESSAGING_PATHS } from '../messaging/messaging.paths.js';
import { SENDER_ID_PATHS } from '../sender-ids/sender-ids.paths.js';

/**
 * The paths of the Termii operations the emulator answers, by operation: the very constants the services
 * call, so that the emulator and the library cannot disagree. `{name}` stands for one path segment.
 */
export const TERMII_EMULATOR_PATHS = Object.freeze({
  ...IN_APP_TOKEN_PATHS,
  ...TOKEN_PATHS,
  ...INSIGHTS_PATHS,
  ...MESSAGING_PATHS,
  ...SENDER_ID_PATHS,
  ...CAMPAIGN_PATHS,
});

/** An operation name, as `fail(fault, { operation })` and recorded requests take it: the library's `TermiiOperation`. */
export type TermiiOperationPath = TermiiOperation;
