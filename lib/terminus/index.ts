export {
  TermiiHealthIndicator,
  type TermiiHealthCheckOptions,
  type TermiiHealthDownReason,
  type TermiiHealthDownDetails,
} from './termii-health.indicator.js';
