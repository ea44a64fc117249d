import { describe, expect, it } from '@jest/globals';
import { parseJsonKeepingLongIntegers } from '../../lib/common/lossless-json.js';

describe('parseJsonKeepingLongIntegers', () => {
  it('keeps a 19- and a 25-digit message id digit for digit, where JSON.parse loses digits', () => {
    const text = '{"message_id":9122821270554876574,"other":3017544054459083819856413}';
    expect((JSON.parse(text) as { message_id: number }).message_id).toBe(9122821270554877000);
    expect(parseJsonKeepingLongIntegers(text)).toStrictEqual({
      message_id: '9122821270554876574',
      other: '3017544054459083819856413',
    });
  });

  it('leaves safe integers numbers, and turns the first unsafe one into text', () => {
    expect(parseJsonKeepingLongIntegers('[9007199254740991,9007199254740992,-9007199254740993,0,-1]')).toStrictEqual([
      9007199254740991,
      '9007199254740992',
      '-9007199254740993',
      0,
      -1,
    ]);
  });

  it('leaves fractions and exponents numbers, however many digits they have', () => {
    expect(parseJsonKeepingLongIntegers('[12345678901234567890.5,12345678901234567890e2,1.5E+20,77.5]')).toStrictEqual([
      // Numbers as JavaScript reads them, precision lost as JSON.parse loses it.
      Number('12345678901234567890.5'),
      Number('12345678901234567890e2'),
      1.5e20,
      77.5,
    ]);
  });

  it('never touches text inside strings, escaped quotes included, nor keys', () => {
    const text = '{"12345678901234567890":"a \\" 12345678901234567890 \\\\","n":12345678901234567890}';
    expect(parseJsonKeepingLongIntegers(text)).toStrictEqual({
      '12345678901234567890': 'a " 12345678901234567890 \\',
      n: '12345678901234567890',
    });
  });

  it('reads nested objects and arrays, and bodies without a long run of digits as JSON.parse does', () => {
    const nested = '{"a":[{"b":1234567890123456789012}],"c":true,"d":null}';
    expect(parseJsonKeepingLongIntegers(nested)).toStrictEqual({
      a: [{ b: '1234567890123456789012' }],
      c: true,
      d: null,
    });
    const plain = '{"balance":1047.57,"user":"T","ok":[1,2,3]}';
    expect(parseJsonKeepingLongIntegers(plain)).toStrictEqual(JSON.parse(plain));
  });

  it.each([
    ['not JSON', 'hello'],
    ['a cut body with a long integer', '{"message_id":12345678901234567890'],
    ['a long integer with a leading zero (invalid JSON)', '[01234567890123456789]'],
    ['a lone minus sign before digits in a string-free body', '[- 12345678901234567890]'],
  ])('throws a SyntaxError, as JSON.parse does, for %s', (_name, text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => parseJsonKeepingLongIntegers(text)).toThrow(SyntaxError);
  });
});
