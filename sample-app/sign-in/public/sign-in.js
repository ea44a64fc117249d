// The sign-in page's script: plain JavaScript, no dependency, loaded as a file (helmet's CSP forbids
// inline scripts). It only talks to the app's own JSON API; the session lives in an HttpOnly cookie that
// this script never sees.

/** @param {string} id */
const element = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const alertBox = element('alert');
const steps = {
  loading: element('loading'),
  phone: /** @type {HTMLFormElement} */ (element('phone-step')),
  code: /** @type {HTMLFormElement} */ (element('code-step')),
  signedIn: element('signed-in'),
};
const phoneInput = /** @type {HTMLInputElement} */ (element('phone'));
const codeInput = /** @type {HTMLInputElement} */ (element('code'));
const sandboxPhone = element('sandbox-phone');
/** Set by the app when it runs on its embedded Termii sandbox: only then does `GET /sandbox/phone` exist. */
const hasSandboxPhone = document.body.dataset['sandboxPhone'] === 'on';

/** The code being entered: for which number (as typed) and its `pinId`. */
let pending = { phoneNumber: '', pinId: '' };

/** `2348109477743` → `234*******743`: the app's own masking (auth/otp-delivery-channel.ts). */
function mask(phoneNumber) {
  if (phoneNumber.length <= 6) return '*'.repeat(phoneNumber.length);
  return `${phoneNumber.slice(0, 3)}${'*'.repeat(phoneNumber.length - 6)}${phoneNumber.slice(-3)}`;
}

/** Shows one step (and focuses its first field); hides the others. */
function show(step) {
  for (const [name, node] of Object.entries(steps)) node.hidden = name !== step;
  if (step === 'phone') phoneInput.focus();
  if (step === 'code') codeInput.focus();
}

function say(message) {
  alertBox.textContent = message;
  alertBox.hidden = false;
}

function clearAlert() {
  alertBox.hidden = true;
  alertBox.textContent = '';
}

/**
 * Calls the app's API. State-changing calls send JSON, the only body the app accepts (no form can send it
 * from another site). Resolves to the status, headers and parsed JSON body (`{}` when there is none).
 */
async function api(method, path, body) {
  const init = { method, headers: { accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    json = {};
  }
  return { status: response.status, headers: response.headers, body: json };
}

/** The API's refusal, in words. */
function describe(answer) {
  const { status, headers, body } = answer;
  if (status === 429) {
    const seconds = Number(headers.get('retry-after'));
    if (Number.isInteger(seconds) && seconds > 0) {
      return `Too many requests: try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
    }
  }
  const message = Array.isArray(body.message) ? body.message.join('. ') : body.message;
  if (typeof message === 'string' && message !== '') {
    return /[.!?]$/.test(message) ? message : `${message}.`;
  }
  return `Something went wrong (HTTP ${status}): try again later.`;
}

/** Runs one step's request with its button disabled, and turns a network failure into a message. */
async function busy(button, work) {
  button.disabled = true;
  clearAlert();
  try {
    await work();
  } catch {
    say('The app cannot be reached: check that it is running, then try again.');
  } finally {
    button.disabled = false;
  }
}

function signedIn(phoneNumber) {
  element('signed-in-as').textContent = mask(phoneNumber);
  sandboxPhone.hidden = true;
  show('signedIn');
}

function signedOut() {
  pending = { phoneNumber: '', pinId: '' };
  phoneInput.value = '';
  codeInput.value = '';
  sandboxPhone.hidden = true;
  show('phone');
}

/** Asks for a code for `phoneNumber`; on success, the code step. */
async function requestCode(phoneNumber) {
  const answer = await api('POST', '/auth/otp', { phoneNumber });
  if (answer.status !== 201) {
    say(describe(answer));
    return;
  }
  pending = { phoneNumber, pinId: answer.body.pinId };
  codeInput.value = '';
  const expiresAt = new Date(answer.body.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  element('code-sent').textContent = `A code is on its way to ${phoneNumber}. It works until ${expiresAt}.`;
  show('code');
  await showSandboxPhone(phoneNumber);
}

/** On the embedded sandbox: what its phone received for the number, newest first. */
async function showSandboxPhone(phoneNumber) {
  if (!hasSandboxPhone) return;
  const answer = await api('GET', `/sandbox/phone?phoneNumber=${encodeURIComponent(phoneNumber)}`);
  if (answer.status !== 200) return;
  const list = element('sandbox-messages');
  list.replaceChildren(
    ...answer.body.messages.map((message) => {
      const item = document.createElement('li');
      const what =
        message.channel === 'sms'
          ? `SMS from ${message.from ?? 'an unknown sender'}: ${message.text ?? message.code ?? ''}`
          : message.code === undefined
            ? `Voice message: “${message.text ?? ''}”`
            : `Voice call: “your code is ${message.code.split('').join(' ')}”`;
      const when = document.createElement('span');
      when.className = 'meta';
      when.textContent = new Date(message.receivedAt).toLocaleTimeString();
      item.append(when, what);
      return item;
    }),
  );
  element('sandbox-phone-number').textContent = answer.body.phoneNumber;
  element('sandbox-empty').hidden = answer.body.messages.length > 0;
  sandboxPhone.hidden = false;
}

steps.phone.addEventListener('submit', (event) => {
  event.preventDefault();
  const button = /** @type {HTMLButtonElement} */ (steps.phone.querySelector('button[type=submit]'));
  void busy(button, () => requestCode(phoneInput.value.trim()));
});

steps.code.addEventListener('submit', (event) => {
  event.preventDefault();
  const button = /** @type {HTMLButtonElement} */ (steps.code.querySelector('button[type=submit]'));
  void busy(button, async () => {
    const answer = await api('POST', '/auth/otp/verify', { pinId: pending.pinId, pin: codeInput.value.trim() });
    if (answer.status === 200) signedIn(answer.body.phoneNumber);
    else say(describe(answer));
  });
});

element('resend').addEventListener('click', (event) => {
  void busy(/** @type {HTMLButtonElement} */ (event.currentTarget), () => requestCode(pending.phoneNumber));
});

element('change-number').addEventListener('click', () => {
  clearAlert();
  sandboxPhone.hidden = true;
  show('phone');
});

element('sign-out').addEventListener('click', (event) => {
  void busy(/** @type {HTMLButtonElement} */ (event.currentTarget), async () => {
    const answer = await api('POST', '/auth/logout', {});
    if (answer.status === 204) signedOut();
    else say(describe(answer));
  });
});

// A reload keeps the session: ask the app whose it is (the cookie is HttpOnly, unreadable here).
try {
  const answer = await api('GET', '/auth/me');
  if (answer.status === 200) signedIn(answer.body.phoneNumber);
  else signedOut();
} catch {
  signedOut();
  say('The app cannot be reached: check that it is running, then try again.');
}
