// JSON over fetch for a patchy 3G line: every request has a timeout and is tried once more after a
// network failure or a 503 before the page shows its retry button. Every POST, PUT and DELETE
// carries an Idempotency-Key, so that second try (or the person's own retry with the same key)
// is the same request: the server does the work once and answers both alike.
import { freshToken, signOut } from './auth.js';

export const TIMEOUT_MS = 15000;

export class ApiError extends Error {
  /** kind: 'timeout' | 'network' | 'http'; body: the server's {error, code?, message, fields?, state?} */
  constructor(kind, status, body) {
    super(body?.message || kind + (status ? ' ' + status : ''));
    this.kind = kind;
    this.status = status;
    this.body = body || {};
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh Idempotency-Key (getRandomValues works on plain http too, unlike randomUUID). */
export function newKey() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** key: the write's Idempotency-Key, kept by the caller when a later retry must be the same write. */
export async function api(path, { method = 'GET', body, auth = false, key } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['idempotency-key'] = key || newKey();
  if (auth) {
    const tok = await freshToken().catch(() => null); // renews a 15-minute token that is about to run out
    if (tok) headers.authorization = 'Bearer ' + tok;
  }
  const attempts = 2;
  for (let attempt = 1; ; attempt++) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
    let err;
    try {
      const r = await fetch(path, { method, headers, signal: ctl.signal, body: body === undefined ? undefined : JSON.stringify(body) });
      const data = await r.json().catch(() => ({}));
      if (r.ok) return data;
      if (r.status === 401 && auth) signOut(); // expired or forged: the page offers sign-in again
      err = new ApiError('http', r.status, data);
      // 503: busy; 409 in_progress: our first try is still being worked on. Both: wait and ask again.
      const again = r.status === 503 || (r.status === 409 && data.error === 'in_progress');
      if (!again || attempt >= attempts) throw err;
      await sleep(1000 * (Number(r.headers.get('retry-after')) || 1));
    } catch (e) {
      if (e === err) throw e;
      if (attempt >= attempts) throw new ApiError(ctl.signal.aborted ? 'timeout' : 'network', 0, null);
      await sleep(800);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * A public read from its snapshot file (a static file CloudFront serves without any function, kept
 * fresh from the table's stream), and from the API when there is none (not written yet, a need from
 * before snapshots, or a pilot without them). A stale snapshot is harmless: a claim is still a
 * conditional write and answers 409 for a need just taken.
 */
export async function publicRead(snapshot, apiPath) {
  if (snapshot) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS / 2);
    try {
      const r = await fetch(snapshot, { headers: { accept: 'application/json' }, signal: ctl.signal });
      if (r.ok) {
        const data = await r.json().catch(() => null);
        if (data) return data;
      }
    } catch (e) {
      // no snapshot reachable: the API answers
    } finally {
      clearTimeout(timer);
    }
  }
  return api(apiPath);
}
