import { describe, expect, it } from '@jest/globals';
import { parseCsv } from '../../lib/emulator/campaigns/csv.js';
import { parseMultipart } from '../../lib/emulator/campaigns/multipart.js';
import { internationalNumber } from '../../lib/emulator/campaigns/phonebooks.js';
import { multipartBody } from '../../lib/http/termii-multipart.js';

describe('the emulator reads uploads', () => {
  it.each([
    [
      'CRLF and LF lines, blank lines skipped',
      'a,b\r\n1,2\n\n3,4',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    ['quoted fields with commas, quotes and line breaks', 'n\n"x, ""y""\nz",2', [['n'], ['x, "y"\nz', '2']]],
    ['a byte-order mark', '\ufeffphone_number\n234', [['phone_number'], ['234']]],
    ['empty fields', 'a,,c\n', [['a', '', 'c']]],
    ['an unclosed quote runs to the end', 'a\n"b,c', [['a'], ['b,c']]],
  ])('CSV: %s', (_name, text, rows) => {
    expect(parseCsv(text)).toStrictEqual(rows);
  });

  it('reads back what the client writes, part by part', () => {
    const { body, contentType } = multipartBody(
      {
        file: { name: 'file', fileName: 'contacts.csv', contentType: 'text/csv', content: Buffer.from('a\r\n\r\nb') },
        keyed: { name: 'contact', fields: { pid: 'p1', country_code: '234' } },
      },
      'key',
    );
    expect(
      parseMultipart({
        method: 'POST',
        path: '/',
        headers: { 'Content-Type': contentType },
        body: body.toString('utf8'),
      }),
    ).toStrictEqual([
      { name: 'file', fileName: 'contacts.csv', contentType: 'text/csv', content: 'a\r\n\r\nb' },
      {
        name: 'contact',
        contentType: 'application/json',
        content: '{"pid":"p1","country_code":"234","api_key":"key"}',
      },
    ]);
  });

  it.each([
    ['no Content-Type', {}, '--b\r\n\r\nx\r\n--b--'],
    ['JSON', { 'content-type': 'application/json' }, '{}'],
    ['no boundary', { 'content-type': 'multipart/form-data' }, '--b--'],
    [
      'no closing delimiter',
      { 'content-type': 'multipart/form-data; boundary=b' },
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx',
    ],
    [
      'a part without a name',
      { 'content-type': 'multipart/form-data; boundary=b' },
      '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--',
    ],
  ])('multipart: %s is not a form', (_name, headers, body) => {
    expect(parseMultipart({ method: 'POST', path: '/', headers, body })).toBeUndefined();
  });

  it.each([
    ['08109477743', '234', '2348109477743'],
    ['8109477743', '234', '2348109477743'],
    ['2348109477743', '234', '2348109477743'],
    ['+1 555 0100 123', '1', '15550100123'],
    ['08109477743', undefined, '8109477743'],
  ])('internationalNumber(%s, %s) = %s', (phone, country, expected) => {
    expect(internationalNumber(phone, country)).toBe(expected);
  });
});
