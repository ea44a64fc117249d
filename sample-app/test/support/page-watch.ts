import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';

/** How Chromium notes, in the console, an HTTP answer of 400 or more to one of the page's requests. */
const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3}) /;

/**
 * Everything a page did that a test must account for: every request (of any page or worker of the
 * context), every answer of 400 or more, every console error or warning, every uncaught exception.
 */
export class PageWatch {
  readonly requests: string[] = [];
  readonly failedAnswers: { url: string; status: number }[] = [];
  readonly console: { type: string; text: string; url: string }[] = [];
  readonly pageErrors: string[] = [];

  constructor(context: BrowserContext, page: Page) {
    context.on('request', (request) => void this.requests.push(request.url()));
    context.on('response', (response) => {
      if (response.status() >= 400) this.failedAnswers.push({ url: response.url(), status: response.status() });
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        this.console.push({ type: message.type(), text: message.text(), url: message.location().url });
      }
    });
    page.on('pageerror', (error) => void this.pageErrors.push(`${error.name}: ${error.message}`));
  }

  /**
   * Asserts that the page only ever talked to `origin`, threw nothing, and logged no error or warning —
   * except Chromium's own note of each refusal (401, 429...) the test provoked, one per answer seen.
   */
  assertClean(origin: string): void {
    assert.deepEqual(
      this.requests.filter((url) => new URL(url).origin !== origin),
      [],
      'requests to another origin',
    );
    assert.deepEqual(this.pageErrors, [], 'uncaught errors in the page');
    const unexplained = [...this.console];
    for (const answer of this.failedAnswers) {
      const note = unexplained.findIndex(
        (entry) => entry.url === answer.url && FAILED_RESOURCE.exec(entry.text)?.[1] === String(answer.status),
      );
      if (note !== -1) unexplained.splice(note, 1);
    }
    assert.deepEqual(unexplained, [], 'console errors or warnings');
  }
}
