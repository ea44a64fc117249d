import { Exclude, Expose, instanceToPlain, plainToInstance, Transform, Type } from 'class-transformer';
import { validateSync } from 'class-validator';
import { VerifyTokenDto } from '../../lib/common/verify/verify-token.dto.js';
import { GenerateInAppTokenDto } from '../../lib/in-app-token/dto/generate-in-app-token.dto.js';
import { InAppToken } from '../../lib/in-app-token/responses/in-app-token.js';
import { SendEmailTokenDto } from '../../lib/token/dto/send-email-token.dto.js';
import { SendTokenDto } from '../../lib/token/dto/send-token.dto.js';
import { SendVoiceTokenDto } from '../../lib/token/dto/send-voice-token.dto.js';
import { VoiceCallDto } from '../../lib/token/dto/voice-call.dto.js';
import { toExposedInstance, toInstance, toPlain } from '../../lib/validation/dto-mapping.js';
import { propertiesOf, validateInput } from '../../lib/validation/validate-input.js';
import { TermiiValidationError } from '../../lib/errors/termii.error.js';

// The short paths must give exactly what class-transformer gives: same keys, same order, same values,
// same class, `undefined` keys included (toStrictEqual checks them).
const REQUEST_CLASSES: (new () => object)[] = [
  GenerateInAppTokenDto,
  VerifyTokenDto,
  SendTokenDto,
  SendVoiceTokenDto,
  SendEmailTokenDto,
  VoiceCallDto,
];

const PLAINS: Record<string, unknown>[] = [
  {},
  { phoneNumber: '+234 810-947 7743', pinTimeToLive: 10 },
  { pinType: 'NUMERIC', phoneNumber: '2348109477743', pinAttempts: 3, pinTimeToLive: 5, pinLength: 6 },
  { pinId: 'abc', pin: '1234', phoneNumber: null },
  { phoneNumber: 2348109477743, messageText: 'Your PIN is < 1234 >', from: 'Termii', channel: 'generic' },
  { emailAddress: 'a@example.com', code: '123456', emailConfigurationId: 'x' },
  { phoneNumber: { nested: '1' }, pinAttempts: [1, 2] },
  { pin_id: 'wire-name-in', phone_number: '2348109477743', undefinedOne: undefined },
];

function orderedEntries(value: object): [string, unknown][] {
  return Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
}

describe('dto-mapping: the same results as class-transformer', () => {
  it.each(REQUEST_CLASSES)('toInstance(%p, plain) equals plainToInstance', (cls) => {
    for (const plain of PLAINS) {
      const expected = plainToInstance(cls, plain);
      const actual = toInstance(cls, plain);
      expect(actual).toBeInstanceOf(cls);
      expect(actual).toStrictEqual(expected);
      expect(orderedEntries(actual)).toStrictEqual(orderedEntries(expected));
    }
  });

  it.each(REQUEST_CLASSES)('toPlain(instance of %p) equals instanceToPlain, key order included', (cls) => {
    for (const plain of PLAINS) {
      const instance = Object.assign(new cls(), plain) as object;
      const expected = instanceToPlain(instance);
      const actual = toPlain(instance);
      expect(actual).toStrictEqual(expected);
      expect(orderedEntries(actual)).toStrictEqual(orderedEntries(expected));
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    }
  });

  it('toExposedInstance equals plainToInstance with excludeExtraneousValues', () => {
    const answers: Record<string, unknown>[] = [
      { pin_id: 'id', otp: '522726', phone_number: '2348109477743', phone_number_other: 'Termii', extra: 1 },
      { pin_id: 'id', otp: 522726 },
      {},
      { pinId: 'camel', otp: null, phone_number: { nested: true } },
    ];
    for (const answer of answers) {
      const expected = plainToInstance(InAppToken, answer, { excludeExtraneousValues: true });
      const actual = toExposedInstance(InAppToken, answer);
      expect(actual).toBeInstanceOf(InAppToken);
      expect(actual).toStrictEqual(expected);
      expect(orderedEntries(actual)).toStrictEqual(orderedEntries(expected));
    }
  });

  it('takes an empty @Expose name for none, as class-transformer does', () => {
    class EmptyName {
      @Expose({ name: '' })
      value?: string;
    }
    const instance = Object.assign(new EmptyName(), { value: 'v' });
    expect(toPlain(instance)).toStrictEqual(instanceToPlain(instance));
    expect(toPlain(instance)).toStrictEqual({ value: 'v' });
  });

  it('hands classes with @Type, @Exclude or toPlain @Transform to class-transformer', () => {
    class Inner {
      @Expose({ name: 'inner_value' })
      value?: string;
    }
    class Mixed {
      @Expose({ name: 'shout' })
      @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value), { toPlainOnly: true })
      shout?: string;

      @Type(() => Inner)
      inner?: Inner;

      @Exclude()
      secret?: string;
    }
    const plain = { shout: 'hi', inner: { inner_value: 'x' }, secret: 's' };
    expect(toInstance(Mixed, plain)).toStrictEqual(plainToInstance(Mixed, plain));
    const instance = plainToInstance(Mixed, plain);
    expect(toPlain(instance)).toStrictEqual(instanceToPlain(instance));
    expect(toPlain(instance)).toStrictEqual({ shout: 'HI', inner: { inner_value: 'x' } });
    expect(toExposedInstance(Mixed, plain)).toStrictEqual(
      plainToInstance(Mixed, plain, { excludeExtraneousValues: true }),
    );
  });
});

describe('validateInput: the short path accepts exactly what validateSync accepts', () => {
  const options = { forbidUnknownValues: true, validationError: { target: false, value: false } };
  it.each(REQUEST_CLASSES)('%p: same verdict and same issues as validateSync', (cls) => {
    for (const plain of PLAINS) {
      const known = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined));
      const declared = Object.keys(known).every((key) => propertiesOf(cls).has(key));
      if (!declared) continue;
      const errors = validateSync(plainToInstance(cls, known), options);
      let thrown: unknown;
      try {
        expect(validateInput(cls, plain)).toStrictEqual(plainToInstance(cls, known));
      } catch (error) {
        thrown = error;
      }
      if (errors.length === 0) {
        expect(thrown).toBeUndefined();
      } else {
        expect(thrown).toBeInstanceOf(TermiiValidationError);
        expect((thrown as TermiiValidationError).issues).toStrictEqual(
          errors.map((e) => ({ property: e.property, messages: Object.values(e.constraints ?? {}) })),
        );
      }
    }
  });
});
