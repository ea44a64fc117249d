import { describe, expect, it } from '@jest/globals';
import { decimalOf, jsonObjectOf, nonBlankTextOf, wholeNumberOf } from '../../lib/common/answer-fields.js';

describe('the shared answer-field readers', () => {
  it('jsonObjectOf keeps objects only', () => {
    const object = { a: 1 };
    expect(jsonObjectOf(object)).toBe(object);
    for (const value of [null, [], 'x', 1, undefined]) expect(jsonObjectOf(value)).toBeUndefined();
  });

  it('nonBlankTextOf keeps non-blank strings as written', () => {
    expect(nonBlankTextOf(' Acme ')).toBe(' Acme ');
    for (const value of ['', '   ', 42, null, {}]) expect(nonBlankTextOf(value)).toBeUndefined();
  });

  it('wholeNumberOf reads whole numbers ≥ 0 from numbers and digit strings', () => {
    expect(wholeNumberOf(15)).toBe(15);
    expect(wholeNumberOf(' 15 ')).toBe(15);
    expect(wholeNumberOf('0')).toBe(0);
    for (const value of [-1, 1.5, '1.5', '-1', '1'.repeat(16), Number.MAX_SAFE_INTEGER + 1, 'x', null]) {
      expect(wholeNumberOf(value)).toBeUndefined();
    }
  });

  it('decimalOf reads finite amounts from numbers and decimal strings', () => {
    expect(decimalOf(77.5)).toBe(77.5);
    expect(decimalOf(' 3.9 ')).toBe(3.9);
    expect(decimalOf('-2')).toBe(-2);
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 'unlimited', '3.', '.5', '1e3', '', null]) {
      expect(decimalOf(value)).toBeUndefined();
    }
  });
});
