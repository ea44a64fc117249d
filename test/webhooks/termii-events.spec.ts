import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { RecentEventKeys } from '../../lib/webhooks/recent-event-keys.js';
import {
  OnTermiiEvent,
  TERMII_STATUS_TEXTS,
  TermiiDeliveryReport,
  TermiiInboundMessage,
  normaliseTermiiStatus,
  readTermiiEvent,
  termiiDeliveryReport,
  termiiInboundMessage,
  type TermiiEvent,
} from '../../lib/webhooks/index.js';

describe('normaliseTermiiStatus', () => {
  it.each([
    ['DELIVERED | Message delivered to handset', 'delivered'],
    ['Delivered', 'delivered'],
    ['delivered', 'delivered'],
    ['DELIVRD', 'unknown'],
    ['Message Sent', 'sent'],
    ['SENT', 'sent'],
    ['DND Active on Phone Number', 'dnd'],
    ['dnd active on phone number', 'dnd'],
    ['Message Failed', 'failed'],
    ['FAILED', 'failed'],
    ['Undelivered', 'failed'],
    ['Message not delivered', 'failed'],
    ['Rejected', 'rejected'],
    ['REJECTED | Rejected by the network', 'rejected'],
    ['Expired', 'expired'],
    ['EXPIRED', 'expired'],
    ['Received', 'received'],
    ['Consented', 'unknown'],
    ['', 'unknown'],
  ])('"%s" → %s', (text, status) => {
    expect(normaliseTermiiStatus(text)).toBe(status);
  });

  it('reads a missing or non-string status as unknown', () => {
    expect(normaliseTermiiStatus(undefined)).toBe('unknown');
    expect(normaliseTermiiStatus(42)).toBe('unknown');
  });
});

describe('readTermiiEvent', () => {
  it('reads Termii\'s older sample (with "command", without "id") as a delivery report', () => {
    const event = readTermiiEvent({
      type: 'outbound',
      message_id: '5964465985113503103',
      receiver: '2343459509389',
      sender: 'N-Alert',
      message: 'Your Termii confirmation code is 234u53.',
      sent_at: '2020-12-16 11:34:36',
      cost: '3.9',
      command: 'deliver',
      status: 'DELIVERED | Message delivered to handset',
      channel: 'Number Api',
    });
    expect(event).toBeInstanceOf(TermiiDeliveryReport);
    expect(event).toMatchObject({ type: 'outbound', id: undefined, cost: 3.9, status: 'delivered' });
    expect(event).not.toHaveProperty('command');
  });

  it("reads Termii's inbound sample as an inbound message with cost null", () => {
    const event = readTermiiEvent({
      type: 'inbound',
      id: '8248611476370959318',
      message_id: '3905204342778053556',
      receiver: '12022214836',
      sender: '2347069549231',
      message: 'Great ',
      received_at: '2020-12-16T10:51:03.000000Z',
      cost: null,
      command: 'Received',
      status: 'Received',
      channel: null,
    });
    expect(event).toBeInstanceOf(TermiiInboundMessage);
    expect(event).toEqual({
      type: 'inbound',
      id: '8248611476370959318',
      messageId: '3905204342778053556',
      receiver: '12022214836',
      sender: '2347069549231',
      message: 'Great ',
      receivedAt: '2020-12-16T10:51:03.000000Z',
      cost: null,
      status: 'received',
      rawStatus: 'Received',
    });
  });

  it('reads numbers sent as numbers, and drops values of the wrong kind', () => {
    const event = readTermiiEvent({
      type: 'OUTBOUND',
      message_id: 123,
      receiver: 2348109477743,
      cost: 'n/a',
      sender: {},
    });
    expect(event).toMatchObject({
      type: 'outbound',
      messageId: '123',
      receiver: '2348109477743',
      cost: undefined,
      sender: undefined,
    });
  });

  it('reads the message id as text: message_id_str first, a long id given as a string kept as it is', () => {
    const both = readTermiiEvent({
      type: 'outbound',
      message_id: 3017544054459084000,
      message_id_str: '3017544054459083819856413',
      receiver: '2348109477743',
      status: 'Delivered',
    });
    expect(both).toMatchObject({ type: 'outbound', messageId: '3017544054459083819856413' });
    const inbound = readTermiiEvent({ type: 'inbound', message_id: '9122821270554876574', sender: '2348109477743' });
    expect(inbound).toMatchObject({ type: 'inbound', messageId: '9122821270554876574' });
  });

  it('delivers what it cannot type as unknown, with the payload', () => {
    expect(readTermiiEvent({ type: 'outbound', receiver: '234' })).toMatchObject({
      type: 'unknown',
      rawType: 'outbound',
    });
    expect(readTermiiEvent({ type: 'survey' })).toMatchObject({
      type: 'unknown',
      rawType: 'survey',
      payload: { type: 'survey' },
    });
    expect(readTermiiEvent({})).toMatchObject({ type: 'unknown', rawType: undefined, payload: {} });
  });

  it('does not let a "__proto__" key reach the event', () => {
    const payload = JSON.parse('{"type":"outbound","message_id":"1","receiver":"2","__proto__":{"polluted":true}}');
    const event = readTermiiEvent(payload);
    expect((event as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the event builders', () => {
  it('build wire bodies that read back as the events they describe', () => {
    for (const [status, text] of Object.entries(TERMII_STATUS_TEXTS)) {
      const body = termiiDeliveryReport({ messageId: 'm-1', receiver: '2348109477743', status, cost: 3.9, id: 'r-1' });
      expect(body['status']).toBe(text);
      expect(body['cost']).toBe('3.9');
      expect(body['sent_at']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(readTermiiEvent(JSON.parse(JSON.stringify(body)))).toMatchObject({
        type: 'outbound',
        id: 'r-1',
        messageId: 'm-1',
        receiver: '2348109477743',
        status,
        rawStatus: text,
        cost: 3.9,
      });
    }
    expect(termiiDeliveryReport({ messageId: 'm', receiver: 'r', status: 'DELIVRD' })['status']).toBe('DELIVRD');
    const inbound = readTermiiEvent(termiiInboundMessage({ sender: '234', message: 'hi' }));
    expect(inbound).toMatchObject({ type: 'inbound', sender: '234', message: 'hi', cost: null, status: 'received' });
  });
});

describe('RecentEventKeys', () => {
  it('remembers a key for its time to live', () => {
    let now = 0;
    const keys = new RecentEventKeys(10, 1_000, () => now);
    expect(keys.checkAndAdd('a')).toBe(false);
    now = 999;
    expect(keys.checkAndAdd('a')).toBe(true);
    now = 1_000;
    expect(keys.checkAndAdd('a')).toBe(false);
  });

  it('holds at most its bound of keys, forgetting the oldest first', () => {
    const keys = new RecentEventKeys(3, 60_000, () => 0);
    for (const key of ['a', 'b', 'c', 'd']) expect(keys.checkAndAdd(key)).toBe(false);
    expect(keys.size).toBe(3);
    expect(keys.checkAndAdd('a')).toBe(false);
    expect(keys.checkAndAdd('d')).toBe(true);
    for (let i = 0; i < 10_000; i++) keys.checkAndAdd(`k${i}`);
    expect(keys.size).toBe(3);
  });

  it('with a bound of 0 remembers nothing', () => {
    const keys = new RecentEventKeys(0, 60_000);
    expect(keys.checkAndAdd('a')).toBe(false);
    expect(keys.checkAndAdd('a')).toBe(false);
    expect(keys.size).toBe(0);
  });
});

describe('@OnTermiiEvent typing', () => {
  it('accepts handlers whose parameter fits the subscribed type, and refuses others at compile time', () => {
    class Handlers {
      @OnTermiiEvent('outbound')
      report(_event: TermiiDeliveryReport): void {}

      @OnTermiiEvent('*')
      any(_event: TermiiEvent): void {}

      @OnTermiiEvent('inbound', 'outbound')
      either(_event: TermiiInboundMessage | TermiiDeliveryReport): void {}

      // @ts-expect-error: an outbound handler cannot take only inbound messages
      @OnTermiiEvent('outbound')
      wrong(_event: TermiiInboundMessage): void {}
    }
    expect(Reflect.getMetadata('nestjs-termii:on-termii-event', Handlers.prototype.either)).toEqual([
      'inbound',
      'outbound',
    ]);
  });
});
