/**
 * A gate that is cheap to test on every answer: only a body with a run of 16 digits can hold an integer
 * beyond `Number.MAX_SAFE_INTEGER` (9007199254740991 has 16 digits). Most answers have none, and skip the scan.
 */
const MAY_HOLD_LONG_INTEGER = /\d{16}/;

/** An integer literal as JSON writes it: an optional minus, then 0 or digits without a leading zero. */
const JSON_INTEGER = /^-?(0|[1-9]\d*)$/;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * `JSON.parse`, except that an integer literal beyond a safe JavaScript integer becomes a string of its
 * digits exactly as written. Termii's message ids have 19–25 digits and some hosts send them as bare JSON
 * numbers: `JSON.parse` would turn `9122821270554876574` into `9122821270554877000`. Safe integers,
 * fractions and exponents stay numbers; text inside strings is never touched.
 * @throws SyntaxError for text that is not JSON, as `JSON.parse` does.
 */
export function parseJsonKeepingLongIntegers(text: string): unknown {
  if (!MAY_HOLD_LONG_INTEGER.test(text)) return JSON.parse(text);
  let rewritten = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) {
      inString = true;
      continue;
    }
    if (code !== 0x2d && !isDigit(code)) continue;
    let end = code === 0x2d ? i + 1 : i;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    const next = text.charCodeAt(end);
    if (next === 0x2e || next === 0x65 || next === 0x45) {
      // A fraction or an exponent: not an integer id; JSON.parse reads it (or rejects it) as it is.
      while (end < text.length && /[0-9eE.+-]/.test(text[end])) end++;
    } else {
      const literal = text.slice(i, end);
      // Only a JSON integer is rewritten: one with a leading zero (`0123…`) is invalid JSON, and must stay so
      // rather than become a valid string.
      if (JSON_INTEGER.test(literal) && !Number.isSafeInteger(Number(literal))) {
        rewritten += `${text.slice(copiedUpTo, i)}"${literal}"`;
        copiedUpTo = end;
      }
    }
    i = end - 1;
  }
  return JSON.parse(copiedUpTo === 0 ? text : rewritten + text.slice(copiedUpTo));
}
