import { randomUUID } from 'node:crypto';
import { IN_APP_TOKEN_PATHS } from '../../in-app-token/in-app-token.paths.js';
import { TOKEN_PATHS } from '../../token/token.paths.js';
import type { TermiiEmulatorProduct, TermiiEmulatorState } from '../emulator-state.js';
import { jsonAnswer, type TermiiEmulatorRoute } from '../emulator-route.js';
import { deliverMessage, MESSAGE_SENT_STATUS, type TermiiMessageToDeliver } from '../messaging/deliver-message.js';
import type { TermiiOutboxMessage } from '../outbox-message.js';
import type { TermiiEmulatorResponse } from '../termii-emulator-exchange.js';
import { pushBounded } from '../termii-outbox.js';
import { generatePin } from './generate-pin.js';
import type { TermiiIssuedPin, TermiiPinChannel } from './issued-pin.js';
import { isLive, PinStore } from './pin-store.js';
import {
  checkEmailTokenRequest,
  checkGenerateRequest,
  checkSendRequest,
  checkVerifyRequest,
  checkVoiceCallRequest,
  checkVoiceTokenRequest,
  type ValidGenerateRequest,
} from './token-request-rules.js';

const MINUTE_MS = 60_000;
/** Termii's answer to a successful voice or email send. */
const SUCCESSFULLY_SENT = 'Successfully Sent';

/** The Token API product's own options. */
export interface TermiiTokenProductOptions {
  maxPins: number;
  expiredPinRetentionMs: number;
}

/**
 * Termii's Token API as the emulator plays it: In-App Token `generate`, Send Token, Voice Token, Voice Call,
 * Email Token, and the one `verify` for every PIN it issued. See `TermiiEmulator` for the semantics.
 */
export class TermiiTokenProduct implements TermiiEmulatorProduct {
  readonly routes: readonly TermiiEmulatorRoute[];
  readonly #store: PinStore;
  #issued: TermiiIssuedPin[] = [];

  constructor(
    private readonly state: TermiiEmulatorState,
    options: TermiiTokenProductOptions,
  ) {
    this.#store = new PinStore(options.maxPins, options.expiredPinRetentionMs);
    const post = (
      operation: TermiiEmulatorRoute['operation'],
      path: string,
      answer: (body: Record<string, unknown>, now: number) => TermiiEmulatorResponse,
    ): TermiiEmulatorRoute => ({
      operation,
      method: 'POST',
      path,
      answer: ({ body, now }) => answer(body as Record<string, unknown>, now),
    });
    this.routes = [
      post('generate', IN_APP_TOKEN_PATHS.generate, (body, now) => this.generate(body, now)),
      post('verify', IN_APP_TOKEN_PATHS.verify, (body, now) => this.verify(body, now)),
      post('send', TOKEN_PATHS.send, (body, now) => this.send(body, now)),
      post('sendVoice', TOKEN_PATHS.sendVoice, (body, now) => this.sendVoice(body, now)),
      post('call', TOKEN_PATHS.call, (body) => this.call(body)),
      post('sendEmail', TOKEN_PATHS.sendEmail, (body) => this.sendEmail(body)),
    ];
  }

  /** The PINs issued, oldest first (the last `historyLimit`). */
  get issuedPins(): TermiiIssuedPin[] {
    return this.#issued.slice(-this.state.historyLimit).map((pin) => ({ ...pin }));
  }

  /** PINs that can still be verified at `now`. */
  liveCount(now: number): number {
    return this.#store.liveCount(now);
  }

  /** PINs held in memory, live or recently ended. */
  get storedCount(): number {
    return this.#store.size;
  }

  get maxPins(): number {
    return this.#store.maxPins;
  }

  reset(): void {
    this.#store.clear();
    this.#issued = [];
  }

  /** A new PIN for `policy`, not yet stored: it is stored once its delivery (if any) went out. */
  private newPin(channel: TermiiPinChannel, policy: ValidGenerateRequest, now: number): TermiiIssuedPin {
    const { pinType, phoneNumber, pinAttempts, pinTimeToLive, pinLength } = policy;
    return {
      pinId: randomUUID(),
      otp: generatePin(pinType, pinLength),
      channel,
      phoneNumber,
      pinType,
      pinLength,
      pinAttempts,
      pinTimeToLive,
      issuedAt: now,
    };
  }

  /** Stores a PIN (what verify checks) and keeps it in the history. */
  private store(issued: TermiiIssuedPin, now: number): void {
    const { pinAttempts, pinTimeToLive } = issued;
    this.#store.add(
      {
        issued,
        attemptsLeft: pinAttempts,
        expiresAt: pinTimeToLive === 0 ? Number.POSITIVE_INFINITY : now + pinTimeToLive * MINUTE_MS,
      },
      now,
    );
    pushBounded(this.#issued, issued, this.state.historyLimit);
  }

  /** Delivers through the one message path; stores `pin` only when the delivery went out. */
  private deliver(
    message: TermiiMessageToDeliver,
    pin?: TermiiIssuedPin,
  ): TermiiOutboxMessage | TermiiEmulatorResponse {
    const delivery = deliverMessage(this.state, message);
    if (!delivery.ok) return delivery.response;
    if (pin !== undefined) this.store(pin, pin.issuedAt);
    return delivery.messages[0];
  }

  /** Termii's answer to a voice or email send: the message id, and what is left in the wallet. */
  private sentAnswer(delivered: TermiiOutboxMessage, extra: Record<string, unknown> = {}): TermiiEmulatorResponse {
    return jsonAnswer(200, {
      code: 'ok',
      message_id: delivered.messageId,
      ...extra,
      message: SUCCESSFULLY_SENT,
      balance: this.state.wallet.balance,
      user: this.state.accountName,
    });
  }

  private generate(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkGenerateRequest(body);
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    const issued = this.newPin('in-app', check.value, now);
    this.store(issued, now);
    return jsonAnswer(200, {
      status: 'success',
      data: { pin_id: issued.pinId, otp: issued.otp, phone_number: issued.phoneNumber, phone_number_other: 'Termii' },
    });
  }

  private send(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkSendRequest(body);
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    const { from, channel, pinPlaceholder, messageText, ...policy } = check.value;
    const issued = this.newPin('sms', policy, now);
    const delivered = this.deliver(
      {
        channel: 'sms',
        smsChannel: channel,
        from,
        recipients: [issued.phoneNumber],
        text: messageText.split(pinPlaceholder).join(issued.otp),
        extra: { code: issued.otp, pinId: issued.pinId },
      },
      issued,
    );
    if (!('messageId' in delivered)) return delivered;
    return jsonAnswer(200, { pinId: issued.pinId, to: issued.phoneNumber, smsStatus: MESSAGE_SENT_STATUS });
  }

  private sendVoice(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkVoiceTokenRequest(body);
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    const issued = this.newPin('voice', { ...check.value, pinType: 'NUMERIC' }, now);
    const delivered = this.deliver(
      { channel: 'voice', recipients: [issued.phoneNumber], extra: { code: issued.otp, pinId: issued.pinId } },
      issued,
    );
    return 'messageId' in delivered ? this.sentAnswer(delivered, { pinId: issued.pinId }) : delivered;
  }

  private call(body: Record<string, unknown>): TermiiEmulatorResponse {
    const check = checkVoiceCallRequest(body);
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    const { phoneNumber, code } = check.value;
    const delivered = this.deliver({ channel: 'voice-call', recipients: [phoneNumber], extra: { code } });
    return 'messageId' in delivered ? this.sentAnswer(delivered) : delivered;
  }

  private sendEmail(body: Record<string, unknown>): TermiiEmulatorResponse {
    const check = checkEmailTokenRequest(body);
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    const { emailAddress, code, emailConfigurationId } = check.value;
    const delivered = this.deliver({
      channel: 'email',
      recipients: [emailAddress],
      extra: { code, emailConfigurationId },
    });
    return 'messageId' in delivered ? this.sentAnswer(delivered) : delivered;
  }

  private verify(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const check = checkVerifyRequest(body);
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    const { pinId, pin } = check.value;
    const stored = this.#store.get(pinId);
    if (stored === undefined) return jsonAnswer(422, { message: 'pin_id not found' });
    const msisdn = stored.issued.phoneNumber;
    // Used up, verified already, or past its time to live: Termii's 400 "Expired".
    if (!isLive(stored, now)) return jsonAnswer(400, { pinId, verified: 'Expired', msisdn });
    if (pin === stored.issued.otp) {
      stored.endedAt = now;
      return jsonAnswer(200, { pinId, verified: 'True', msisdn });
    }
    stored.attemptsLeft--;
    if (stored.attemptsLeft <= 0) stored.endedAt = now;
    return jsonAnswer(200, { pinId, verified: false, msisdn });
  }
}
