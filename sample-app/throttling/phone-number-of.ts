import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RequestOtpDto } from '../auth/dto/request-otp.dto.js';

/** Each request's answer, so that the two per-number limits validate a body once. */
const checked = new WeakMap<object, string | null>();

/**
 * The normalised phone number of a `POST /auth/otp` request (`+234 810-947 7743` → `2348109477743`), or
 * `undefined` when the body is one the app's `ValidationPipe` will refuse.
 *
 * Guards run before pipes, so the per-number limits check the body here first, with the same DTO and
 * the same options as the pipe: the library's own rules, never a second copy of them.
 */
export function phoneNumberOf(request: Record<string, unknown>): string | undefined {
  const known = checked.get(request);
  if (known !== undefined) return known ?? undefined;
  const body = request['body'];
  let phoneNumber: string | null = null;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const dto = plainToInstance(RequestOtpDto, body);
    if (validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).length === 0) {
      phoneNumber = dto.phoneNumber;
    }
  }
  checked.set(request, phoneNumber);
  return phoneNumber ?? undefined;
}
