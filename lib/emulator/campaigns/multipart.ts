import type { TermiiEmulatorRequest } from '../termii-emulator-exchange.js';

/** One part of a `multipart/form-data` body, as the emulator reads it. */
export interface TermiiFormPart {
  /** The part's `name`. */
  name: string;
  /** Its `filename`, for a file part. */
  fileName?: string;
  /** Its own `Content-Type`, lower-cased without parameters; `undefined` when the part declares none. */
  contentType?: string;
  /** Its content, as text. */
  content: string;
}

function headerOf(headers: TermiiEmulatorRequest['headers'], wanted: string): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === wanted && value !== undefined) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function parameterOf(header: string, parameter: string): string | undefined {
  const found = new RegExp(`;\\s*${parameter}="([^"]*)"|;\\s*${parameter}=([^;\\s]+)`, 'i').exec(header);
  return found?.[1] ?? found?.[2];
}

/**
 * The parts of a `multipart/form-data` request (RFC 7578), or `undefined` when the request is not one (no
 * such `Content-Type`, no boundary, or no closing delimiter).
 */
export function parseMultipart(request: TermiiEmulatorRequest): TermiiFormPart[] | undefined {
  const contentType = headerOf(request.headers, 'content-type');
  if (contentType === undefined || !/^\s*multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const boundary = parameterOf(contentType, 'boundary');
  if (boundary === undefined || boundary === '') return undefined;
  const delimiter = `--${boundary}`;
  const sections = request.body.split(delimiter);
  // Before the first delimiter: a preamble; after the last one, `--` and an epilogue.
  if (sections.length < 3 || !sections[sections.length - 1].startsWith('--')) return undefined;
  const parts: TermiiFormPart[] = [];
  for (const section of sections.slice(1, -1)) {
    const text = section.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    const split = /\r?\n\r?\n/.exec(text);
    if (split === null) return undefined;
    const headers: Record<string, string> = {};
    for (const line of text.slice(0, split.index).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const disposition = headers['content-disposition'];
    const name = disposition === undefined ? undefined : parameterOf(disposition, 'name');
    if (name === undefined) return undefined;
    const part: TermiiFormPart = { name, content: text.slice(split.index + split[0].length) };
    const fileName = parameterOf(disposition, 'filename');
    if (fileName !== undefined) part.fileName = fileName;
    const type = headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (type) part.contentType = type;
    parts.push(part);
  }
  return parts;
}
