import { InAppTokenService as ByName } from 'nestjs-termii';
import { TermiiTestingModule } from 'nestjs-termii/testing';
import { startTermiiSandbox } from 'nestjs-termii/sandbox';
import { TermiiWebhooksModule } from 'nestjs-termii/webhooks';
import { TermiiWebhooksModule as WebhooksByPath } from '../lib/webhooks/index.js';
import { InAppTokenService as ByPath } from '../lib/index.js';

describe('imports by package name (as the sample app and users write them)', () => {
  it('resolve to the very same classes as the library source', () => {
    expect(ByName).toBe(ByPath);
    expect(typeof TermiiTestingModule.forRoot).toBe('function');
    expect(typeof startTermiiSandbox).toBe('function');
    expect(TermiiWebhooksModule).toBe(WebhooksByPath);
  });
});
