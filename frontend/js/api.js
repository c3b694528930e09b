// JSON over fetch for a patchy 3G line: every request has a timeout; a GET is tried once more
// after a network failure or a 503 before the page shows its retry button. A POST/DELETE is never
// repeated on its own: its answer may have been lost after the server acted (e.g. claimed).
import { freshToken, signOut } from './auth.js';

export const TIMEOUT_MS = 15000;

export class ApiError extends Error {
  /** kind: 'timeout' | 'network' | 'http'; body: the server's {error, message, fields?, state?} */
  constructor(kind, status, body) {
    super(body?.message || kind + (status ? ' ' + status : ''));
    this.kind = kind;
    this.status = status;
    this.body = body || {};
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function api(path, { method = 'GET', body, auth = false } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth) {
    const tok = await freshToken().catch(() => null); // renews a 15-minute token that is about to run out
    if (tok) headers.authorization = 'Bearer ' + tok;
  }
  const attempts = method === 'GET' ? 2 : 1;
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
      if (r.status !== 503 || attempt >= attempts) throw err;
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
