import type { LoggerService } from '@nestjs/common';

/**
 * A Nest logger for long runs: it counts lines per level and searches each for the given secrets, but
 * keeps only the last few lines, so that a soak test's heap measures the module, not the log.
 */
export class CountingLogger implements LoggerService {
  readonly counts: Record<string, number> = {};
  /** Lines that contained one of the secrets (kept whole, to show in a failure). */
  readonly leaks: string[] = [];
  readonly recent: string[] = [];

  constructor(private readonly secrets: readonly string[] = []) {}

  private keep(level: string, message: unknown, params: unknown[]): void {
    const text = [message, ...params].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
    this.counts[level] = (this.counts[level] ?? 0) + 1;
    if (this.secrets.some((secret) => text.includes(secret))) this.leaks.push(text);
    this.recent.push(`${level}: ${text}`);
    if (this.recent.length > 20) this.recent.shift();
  }

  log(message: unknown, ...params: unknown[]): void {
    this.keep('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.keep('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.keep('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.keep('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.keep('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.keep('fatal', message, params);
  }
}
