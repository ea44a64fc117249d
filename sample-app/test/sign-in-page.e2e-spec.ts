/**
 * The sign-in page at `GET /`, driven in a real Chromium (the operating system's, through playwright-core)
 * by its accessible names, as a person would: on the embedded sandbox (the code from the app's log, or
 * from the sandbox phone on the page) and on `TermiiTestingModule`. Each test also checks that the page
 * talked to no other origin and left no error in the console.
 *
 * Skipped, saying why, where no Chromium is installed — unless REQUIRE_BROWSER=1 (CI), which fails instead.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { OTP_POLICY } from '../auth/auth.service.js';
import { browserSkipReason, launchChromium } from './support/chromium.js';
import { PageWatch } from './support/page-watch.js';
import { PHONE, TYPED_PHONE } from './support/phone.js';
import {
  NO_NUMBER_LIMITS,
  startSampleApp,
  startSampleAppOnEmulator,
  waitForLine,
  type RunningSampleApp,
} from './support/sample-app.js';

const MASKED = '234*******743';
const LIMITS = { OTP_THROTTLE_LIMIT: '100', ...NO_NUMBER_LIMITS };
/** Long enough for a shared CI machine; a page that works answers in well under a second. */
const STEP_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT = { timeout: 60_000 };

describe('the sign-in page in Chromium', { skip: browserSkipReason }, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  /** A fresh browser profile (no cookie) on the app's page, watched. */
  async function open(sample: RunningSampleApp): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
    const context = await browser.newContext();
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const watch = new PageWatch(context, page);
    await page.goto(`${sample.url}/`);
    await page.getByLabel('Phone number', { exact: true }).waitFor();
    return { context, page, watch };
  }

  /** Runs a test on a started app and a fresh page; closes both, and checks the page stayed clean. */
  async function onPage(
    start: () => Promise<RunningSampleApp>,
    test: (sample: RunningSampleApp, page: Page) => Promise<void>,
  ): Promise<void> {
    const sample = await start();
    try {
      const { context, page, watch } = await open(sample);
      try {
        await test(sample, page);
        watch.assertClean(new URL(sample.url).origin);
      } finally {
        await context.close();
      }
    } finally {
      await sample.close();
    }
  }

  /** Types the number and presses Enter (the form's submit); resolves to the answer of `POST /auth/otp`. */
  async function sendCode(page: Page, phoneNumber: string): Promise<Response> {
    const field = page.getByLabel('Phone number', { exact: true });
    await field.fill(phoneNumber);
    const [answer] = await Promise.all([waitForApi(page, 'POST', '/auth/otp'), field.press('Enter')]);
    return answer;
  }

  /** Types the code and presses Enter; resolves to the answer of `POST /auth/otp/verify`. */
  async function enterCode(page: Page, code: string): Promise<Response> {
    const field = page.getByLabel('Code', { exact: true });
    await field.fill(code);
    const [answer] = await Promise.all([waitForApi(page, 'POST', '/auth/otp/verify'), field.press('Enter')]);
    return answer;
  }

  function waitForApi(page: Page, method: string, path: string): Promise<Response> {
    return page.waitForResponse(
      (response) => response.request().method() === method && new URL(response.url()).pathname === path,
    );
  }

  async function assertSignedIn(page: Page): Promise<void> {
    const line = page.getByText(/^Signed in as /);
    await line.waitFor();
    assert.equal((await line.textContent())?.trim(), `Signed in as ${MASKED}`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  }

  async function alertText(page: Page): Promise<string> {
    const alert = page.getByRole('alert');
    await alert.waitFor();
    return (await alert.textContent())?.trim() ?? '';
  }

  it(
    'embedded sandbox, in-app: the code from the log signs in; a reload stays signed in; Sign out returns to the first step',
    TEST_TIMEOUT,
    () =>
      onPage(
        () => startSampleApp({ env: LIMITS }),
        async (sample, page) => {
          assert.equal((await sendCode(page, TYPED_PHONE)).status(), 201);
          const [, code] = /Code for \S+: (\d+)/.exec((await waitForLine(sample.logs, /^Code for /)).text)!;
          assert.equal((await enterCode(page, code)).status(), 200);
          await assertSignedIn(page);
          // The session is in an HttpOnly cookie: the page's scripts cannot read it.
          assert.equal(await page.evaluate(() => document.cookie), '');

          await page.reload();
          await assertSignedIn(page);

          const [out] = await Promise.all([
            waitForApi(page, 'POST', '/auth/logout'),
            page.getByRole('button', { name: 'Sign out', exact: true }).click(),
          ]);
          assert.equal(out.status(), 204);
          const phone = page.getByLabel('Phone number', { exact: true });
          await phone.waitFor();
          assert.equal(await phone.inputValue(), '');
          assert.equal(await page.getByText(/^Signed in as /).isVisible(), false);

          // Signed out for good: a reload shows the first step again.
          await page.reload();
          await page.getByRole('button', { name: 'Send code', exact: true }).waitFor();
          assert.equal(await page.getByText(/^Signed in as /).isVisible(), false);
        },
      ),
  );

  it('embedded sandbox, sms: the page shows what the sandbox phone received, and its code signs in', TEST_TIMEOUT, () =>
    onPage(
      () => startSampleApp({ env: { ...LIMITS, OTP_CHANNEL: 'sms' } }),
      async (_sample, page) => {
        assert.equal((await sendCode(page, TYPED_PHONE)).status(), 201);
        const phone = page.getByRole('region', { name: 'Sandbox phone' });
        const sms = phone.getByRole('listitem');
        await sms.first().waitFor();
        assert.equal(await sms.count(), 1);
        const [, code] = /Your login code is (\d{6})\./.exec((await sms.first().textContent()) ?? '') ?? [];
        assert.ok(code, (await sms.first().textContent()) ?? 'no text');

        // A second code: newest first on the phone, the first one below it.
        await Promise.all([
          waitForApi(page, 'POST', '/auth/otp'),
          page.getByRole('button', { name: 'Send a new code', exact: true }).click(),
        ]);
        await sms.nth(1).waitFor();
        const [, newest] = /Your login code is (\d{6})\./.exec((await sms.first().textContent()) ?? '') ?? [];
        assert.match((await sms.nth(1).textContent()) ?? '', new RegExp(`Your login code is ${code}\\.`));
        assert.ok(newest);

        assert.equal((await enterCode(page, newest)).status(), 200);
        await assertSignedIn(page);
        assert.equal(await phone.isVisible(), false);
      },
    ),
  );

  it(
    'TermiiTestingModule, in-app: a wrong code is shown in words, an expired one asks for a new code, the new one signs in',
    TEST_TIMEOUT,
    () =>
      onPage(
        () => startSampleAppOnEmulator(LIMITS),
        async (sample, page) => {
          const termii = sample.app.get(TermiiTestingController);
          assert.equal((await sendCode(page, TYPED_PHONE)).status(), 201);
          // Not the embedded sandbox: the page offers no sandbox phone.
          assert.equal(await page.getByRole('region', { name: 'Sandbox phone' }).isVisible(), false);
          const otp = termii.lastOtp(PHONE)!;

          const wrong = await enterCode(page, otp === '000000' ? '111111' : '000000');
          assert.equal(wrong.status(), 401);
          assert.equal(await alertText(page), 'Wrong code: check it and try again.');

          termii.advanceClock(OTP_POLICY.pinTimeToLive * 60_000 + 1);
          assert.equal((await enterCode(page, otp)).status(), 401);
          assert.equal(
            await alertText(page),
            'This code has expired, has been used, or has no attempts left: request a new one.',
          );

          const [again] = await Promise.all([
            waitForApi(page, 'POST', '/auth/otp'),
            page.getByRole('button', { name: 'Send a new code', exact: true }).click(),
          ]);
          assert.equal(again.status(), 201);
          assert.equal(await page.getByRole('alert').isVisible(), false);
          const fresh = termii.lastOtp(PHONE)!;
          assert.equal(termii.pins.length, 2);
          assert.equal((await enterCode(page, fresh)).status(), 200);
          await assertSignedIn(page);
        },
      ),
  );

  it(
    'a refused request is shown: a 400 with the validation message, a 429 with the seconds of Retry-After',
    TEST_TIMEOUT,
    () =>
      onPage(
        // The default resend cooldown (60 s): a second code at once is refused.
        () => startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: '100' }),
        async (_sample, page) => {
          const local = await sendCode(page, '0810 947 7743');
          assert.equal(local.status(), 400);
          const { message } = (await local.json()) as { message: string[] };
          assert.equal(await alertText(page), `${message.join('. ')}.`);
          assert.match(await alertText(page), /international format/);

          assert.equal((await sendCode(page, TYPED_PHONE)).status(), 201);
          const [refused] = await Promise.all([
            waitForApi(page, 'POST', '/auth/otp'),
            page.getByRole('button', { name: 'Send a new code', exact: true }).click(),
          ]);
          assert.equal(refused.status(), 429);
          const seconds = Number(refused.headers()['retry-after']);
          assert.ok(seconds > 0 && seconds <= 60, `Retry-After: ${refused.headers()['retry-after']}`);
          assert.equal(await alertText(page), `Too many requests: try again in ${seconds} seconds.`);
          // Still on the code step: the first code is still good.
          await page.getByLabel('Code', { exact: true }).waitFor();
        },
      ),
  );
});
