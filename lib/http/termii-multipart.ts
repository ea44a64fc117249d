import { randomBytes } from 'node:crypto';

/** A file part of a `multipart/form-data` body. */
export interface TermiiMultipartFile {
  /** The part's name, e.g. `file`. */
  name: string;
  /** The file name sent with it, e.g. `contacts.csv`: letters, digits, `.`, `_` and `-` only. */
  fileName: string;
  /** The part's content type, e.g. `text/csv`. */
  contentType: string;
  content: Buffer;
}

/**
 * What `TermiiHttpClient.postMultipart` sends: a file, and a JSON part (content type `application/json`) of
 * `fields` to which the client adds `api_key`.
 */
export interface TermiiMultipartForm {
  file: TermiiMultipartFile;
  keyed: { name: string; fields: Record<string, unknown> };
}

const SAFE_TOKEN = /^[A-Za-z0-9._-]{1,64}$/;
const SAFE_CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

function checkToken(value: string, what: string): string {
  if (!SAFE_TOKEN.test(value)) throw new TypeError(`Multipart ${what} must be 1 to 64 letters, digits, . _ or -`);
  return value;
}

/**
 * The body and `Content-Type` of `form` as `multipart/form-data` (RFC 7578): the file part, then the JSON
 * part whose object is `form.keyed.fields` followed by `api_key`. The boundary is random, and drawn again in
 * the (vanishingly unlikely) case the file contains it.
 */
export function multipartBody(form: TermiiMultipartForm, apiKey: string): { body: Buffer; contentType: string } {
  const { file, keyed } = form;
  if (!SAFE_CONTENT_TYPE.test(file.contentType)) throw new TypeError('Multipart content type is not a plain type');
  const fileHead =
    `Content-Disposition: form-data; name="${checkToken(file.name, 'part names')}"; ` +
    `filename="${checkToken(file.fileName, 'file names')}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
  const json = JSON.stringify({ ...keyed.fields, api_key: apiKey });
  const keyedHead = `Content-Disposition: form-data; name="${checkToken(keyed.name, 'part names')}"\r\nContent-Type: application/json\r\n\r\n`;
  let boundary: string;
  do boundary = `nestjs-termii-${randomBytes(16).toString('hex')}`;
  while (file.content.includes(boundary));
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\n${fileHead}`, 'utf8'),
    file.content,
    Buffer.from(`\r\n--${boundary}\r\n${keyedHead}${json}\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
