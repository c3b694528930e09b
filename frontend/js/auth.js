// The one module that knows where sign-in tokens come from, and the only place that keeps them
// (sessionStorage, gone with the tab). People sign in with their phone number and a 6-digit SMS
// code (POST /api/auth/sms-code, then /api/auth/token); the access token lives 15 minutes and is
// renewed with the refresh token (rotated at every use) before it runs out. Locally there are also
// the runner's demo people (GET /api/dev/users, POST /api/dev/token) and its SMS outbox
// (GET /api/dev/sms), which the sign-in page shows; neither exists in AWS (404 there).
const KEY = 'bangfu.session';
const EARLY_MS = 60 * 1000; // renew a minute before the token expires

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch (e) {
    return null;
  }
}

export function session() {
  const s = load();
  return s && s.token && (s.expires > Date.now() || s.refresh) ? s : null;
}

export const user = () => session()?.user || null;
export const hasRole = (group) => !!user()?.groups?.includes(group);

/** The access token, renewed first when it is (nearly) out of date; null when signed out. */
export async function freshToken() {
  const s = session();
  if (!s) return null;
  if (s.expires - EARLY_MS > Date.now()) return s.token;
  if (!s.refresh) return s.expires > Date.now() ? s.token : null;
  return (await refreshNow()) ? session().token : null;
}

export const token = () => session()?.token || null;

/** Trades the refresh token for a new pair (and the roles the table holds now). False when signed out. */
export async function refreshNow() {
  const s = load();
  if (!s?.refresh) return false;
  const r = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: s.refresh }) }).catch(() => null);
  if (r?.status === 401) {
    forget();
    return false;
  }
  if (!r?.ok) throw new Error('network');
  keepPair(await r.json());
  return true;
}

function forget() {
  try { sessionStorage.removeItem(KEY); } catch (e) { /* ignore */ }
}

export function signOut() {
  const refresh = load()?.refresh;
  forget();
  if (refresh) {
    fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: refresh }),
      keepalive: true }).catch(() => null);
  }
}

/** Asks for a code by SMS. Resolves {ok, status, body}: 202 sent, 429 too soon (body.message says when), 400 bad number. */
export async function requestCode(phone) {
  const r = await fetch('/api/auth/sms-code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
  return { ok: r.status === 202, status: r.status, body: await r.json().catch(() => ({})) };
}

/** Signs in with the code. Resolves {ok, status, body}; on success the session is kept and body.person is the person. */
export async function signInWithCode(phone, code) {
  const r = await fetch('/api/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, code }) });
  const body = await r.json().catch(() => ({}));
  if (r.ok) keepPair(body);
  return { ok: r.ok, status: r.status, body };
}

/** Local only: the code the runner's SMS outbox holds for this phone, or null (always null in AWS). */
export async function outboxCode(phone) {
  const r = await fetch('/api/dev/sms?phone=' + encodeURIComponent(phone)).catch(() => null);
  if (!r?.ok) return null;
  const j = await r.json().catch(() => ({}));
  return j.messages?.[0]?.params?.code || null;
}

/** The demo users to pick from, or null where there is no dev token endpoint (i.e. in AWS). */
export async function devUsers() {
  const r = await fetch('/api/dev/users', { headers: { accept: 'application/json' } });
  if (r.status === 404) return null;
  if (!r.ok) throw new Error('HTTP ' + r.status);
  return r.json();
}

export async function signInAs(u) {
  const r = await fetch('/api/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: u.sub, name: u.name, groups: u.groups, area: u.area || null }),
  });
  if (!r.ok) throw new Error('HTTP ' + r.status);
  const { token } = await r.json();
  const s = { token, expires: Date.now() + 11 * 3600 * 1000, refresh: null,
    user: { sub: u.sub, name: u.name, groups: u.groups || [], area: u.area || null, roles: (u.groups || []).map((g) => ({ role: g, area: u.area || null })) } };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s.user;
}

/** {accessToken, expiresIn, refreshToken, person {id, name, roles [{role, area {code…}}]}} → the session. */
function keepPair(j) {
  const roles = (j.person?.roles || []).map((r) => ({ role: r.role, area: r.area?.code || null }));
  // The widest area of the person's roles, for pages that show one place.
  const widest = roles.map((r) => r.area).filter(Boolean).sort((a, b) => a.replace(/0+$/, '').length - b.replace(/0+$/, '').length)[0] || null;
  const s = { token: j.accessToken, expires: Date.now() + (j.expiresIn || 900) * 1000, refresh: j.refreshToken,
    user: { sub: j.person.id, name: j.person.name, groups: roles.map((r) => r.role), area: widest, roles } };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s.user;
}

// ---- inside WeChat: one-tap sign-in (公众号网页授权, snsapi_base) for a person who linked their WeChat ----
// The page goes to WeChat's authorize page and comes back to /signin.html with ?code=&state=; the
// server trades the code (never the page). What to send back with it (the verifier, which no URL
// carries) and where to go after are kept in sessionStorage: a state this tab did not start is refused.
const WECHAT_KEY = 'bangfu.wechat';

/** WeChat's own browser (its user agent says MicroMessenger). */
export const inWeChat = () => /MicroMessenger/i.test(navigator.userAgent || '');

/**
 * Starts an authorisation: {url, state, verifier}, or null where the pilot has no WeChat account
 * (the route answers 404 or does not exist). link: for linking (signed in), else for signing in.
 */
export async function weChatStart(link) {
  const headers = { accept: 'application/json' };
  if (link) {
    const tok = await freshToken().catch(() => null);
    if (!tok) return null;
    headers.authorization = 'Bearer ' + tok;
  }
  const r = await fetch(link ? '/api/me/wechat/authorize' : '/api/auth/wechat/authorize', { method: 'POST', headers }).catch(() => null);
  if (!r?.ok) return null;
  return r.json().catch(() => null);
}

/** Leaves for WeChat's authorize page, keeping what the return needs. */
export function weChatGo(start, link, next) {
  sessionStorage.setItem(WECHAT_KEY, JSON.stringify({ state: start.state, verifier: start.verifier, link: !!link, next }));
  location.href = start.url;
}

/**
 * Back from WeChat with code and state: signs in (the session is kept) or links. Resolves
 * {ok, status, body, link, next}; body.error 'bad_state' when this tab did not start it.
 */
export async function weChatReturn(code, state) {
  let kept = null;
  try {
    kept = JSON.parse(sessionStorage.getItem(WECHAT_KEY));
    sessionStorage.removeItem(WECHAT_KEY);
  } catch (e) { /* nothing kept */ }
  if (!kept || kept.state !== state) return { ok: false, status: 400, body: { error: 'bad_state' }, link: !!kept?.link, next: kept?.next || '/' };
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (kept.link) {
    const tok = await freshToken().catch(() => null);
    if (tok) headers.authorization = 'Bearer ' + tok;
  }
  const r = await fetch(kept.link ? '/api/me/wechat' : '/api/auth/wechat', { method: 'POST', headers,
    body: JSON.stringify({ code, state, verifier: kept.verifier }) });
  const body = await r.json().catch(() => ({}));
  if (r.ok && !kept.link) keepPair(body);
  return { ok: r.ok, status: r.status, body, link: kept.link, next: kept.next || '/' };
}
