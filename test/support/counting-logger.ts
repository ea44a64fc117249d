import { LineLogger } from './line-logger.js';

/**
 * A Nest logger for long runs: it counts lines per level and searches each for the given secrets, but
 * keeps only the last few lines, so that a soak test's heap measures the module, not the log.
 */
export class CountingLogger extends LineLogger {
  readonly counts: Record<string, number> = {};
  /** Lines that contained one of the secrets (kept whole, to show in a failure). */
  readonly leaks: string[] = [];
  readonly recent: string[] = [];

  constructor(private readonly secrets: readonly string[] = []) {
    super();
  }

  protected line(level: string, text: string): void {
    this.counts[level] = (this.counts[level] ?? 0) + 1;
    if (this.secrets.some((secret) => text.includes(secret))) this.leaks.push(text);
    this.recent.push(`${level}: ${text}`);
    if (this.recent.length > 20) this.recent.shift();
  }
}
