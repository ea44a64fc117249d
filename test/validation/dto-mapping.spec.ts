import { Exclude, Expose, instanceToPlain, plainToInstance, Transform, Type } from 'class-transformer';
import { getMetadataStorage, IsOptional, IsString, ValidateBy, validateSync, ValidationTypes } from 'class-validator';
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

  /** validateInput's verdict on `plain` (the instance, or the issues it throws) against validateSync's. */
  function expectSameAsValidateSync(cls: new () => object, plain: Record<string, unknown>): void {
    const known = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined));
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

  it.each(REQUEST_CLASSES)('%p: same verdict and same issues as validateSync', (cls) => {
    for (const plain of PLAINS) {
      const declared = Object.keys(plain).every((key) => plain[key] === undefined || propertiesOf(cls).has(key));
      if (declared) expectSameAsValidateSync(cls, plain);
    }
  });

  // Each property of each request DTO through values on and around every rule's edges, the others held
  // valid: the direct tests that stand in for class-validator's constraints must judge as they do.
  const VALID: Record<string, unknown> = {
    phoneNumber: '2348109477743',
    pinId: 'db34d5ce-9bd4-4f10-b8ec-8ee402ccd0',
    pin: '1234',
    from: 'Termii',
    messageText: 'Your PIN is < 1234 >',
    channel: 'generic',
    emailAddress: 'user@example.com',
    code: '123456',
    emailConfigurationId: 'cfg-1',
  };
  const CORPUS: unknown[] = [
    undefined,
    null,
    true,
    false,
    0,
    1,
    -1,
    3,
    4,
    5,
    8,
    9,
    59,
    60,
    61,
    1.5,
    -0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    'a',
    'abc',
    'NUMERIC',
    'ALPHANUMERIC',
    'numeric',
    '1234',
    '12345678',
    '123456789',
    'Termii',
    'T',
    'TermiiSenderLong',
    '2348109477743',
    '+234 810-947 7743',
    '08109477743',
    'x'.repeat(1_000),
    'x'.repeat(1_001),
    'user@example.com',
    'not-an-email',
    'dnd',
    'generic',
    'WhatsApp',
    {},
    [],
    ['1'],
    new Date(0),
  ];
  it.each(REQUEST_CLASSES)('%p: every property through a corpus of values, as validateSync judges them', (cls) => {
    const properties = [...propertiesOf(cls)];
    const base = Object.fromEntries(properties.filter((p) => p in VALID).map((p) => [p, VALID[p]]));
    expectSameAsValidateSync(cls, base);
    for (const property of properties) {
      for (const value of CORPUS) expectSameAsValidateSync(cls, { ...base, [property]: value });
    }
  });

  it("keeps a rule's own constraint when another decorator took the name of one of class-validator's", () => {
    // Named `isInt` and `isOptional` like class-validator's, with other meanings: only even numbers, and
    // "skip unless the value is a number".
    const EvenOnly = (): PropertyDecorator =>
      ValidateBy({ name: 'isInt', validator: { validate: (value) => typeof value === 'number' && value % 2 === 0 } });
    // class-validator does not export its metadata class by name: take it from a rule it made.
    class HasOptional {
      @IsOptional()
      value?: unknown;
    }
    const [optionalRule] = getMetadataStorage().getTargetValidationMetadatas(HasOptional, '', false, false);
    const ValidationMetadata = optionalRule.constructor as new (args: {
      type: string;
      name: string;
      target: object;
      propertyName: string;
      constraints: unknown[];
    }) => typeof optionalRule;
    const SkipUnlessNumber = (): PropertyDecorator => (target, propertyName) => {
      getMetadataStorage().addValidationMetadata(
        new ValidationMetadata({
          type: ValidationTypes.CONDITIONAL_VALIDATION,
          name: 'isOptional',
          target: target.constructor,
          propertyName: propertyName as string,
          constraints: [(_object: object, value: unknown) => typeof value === 'number'],
        }),
      );
    };
    class Renamed {
      @EvenOnly()
      even?: number;

      @SkipUnlessNumber()
      @IsString()
      skipped?: unknown;
    }
    for (const even of [2, 3, '2', undefined]) {
      for (const skipped of [1, 'text', null, undefined]) {
        expectSameAsValidateSync(Renamed, { even, skipped });
      }
    }
    // The renamed rule really is in force: 3 is refused, as validateSync refuses it.
    expect(() => validateInput(Renamed, { even: 3 })).toThrow(TermiiValidationError);
    expect(validateInput(Renamed, { even: 2, skipped: 'text' })).toBeInstanceOf(Renamed);
  });
});
