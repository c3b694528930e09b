// The one module that knows where sign-in tokens come from, and the only place that keeps them
// (sessionStorage, gone with the tab; session()/token()/signOut() are the same either way).
// Locally: the runner's dev token endpoint (POST /api/dev/token, demo users at GET /api/dev/users).
// In AWS: the Cognito hosted UI, authorization code + PKCE, configured by /config.json
// ({"cognito": {"domain", "clientId", "redirectUri"}}; {"cognito": null} means none). Its ID
// token carries the same claims (sub, name, cognito:groups, custom:area) and is what the API's
// JWT authorizer checks (audience = the client id).
const KEY = 'bangfu.session';
const TTL_MS = 11 * 3600 * 1000; // dev tokens live 12 h; drop ours a little earlier

export function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY));
    return s && s.token && s.expires > Date.now() ? s : null;
  } catch (e) {
    return null;
  }
}

export const token = () => session()?.token || null;
export const user = () => session()?.user || null;
export const hasRole = (group) => !!user()?.groups?.includes(group);

export function signOut() {
  try { sessionStorage.removeItem(KEY); } catch (e) { /* ignore */ }
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
  return keep(token, TTL_MS, u);
}

function keep(token, ms, u) {
  const s = { token, expires: Date.now() + ms, user: { sub: u.sub, name: u.name, groups: u.groups || [], area: u.area || null } };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s.user;
}

// ---- Cognito hosted UI: authorization code with PKCE ---------------------------------------
const PKCE = 'bangfu.pkce';
let conf;
/** The hosted UI's settings from /config.json, or null where there are none (locally). */
export const cognitoConfig = () => (conf ??= fetch('/config.json')
  .then((r) => (r.ok ? r.json() : {})).then((c) => c?.cognito || null, () => null));

const b64url = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));

/** Leaves for the hosted UI; it comes back to signin.html?code=…&state=… (see completeCognitoSignIn). */
export async function signInWithCognito(next) {
  const c = await cognitoConfig();
  const verifier = random();
  const state = random();
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, next }));
  location.assign(c.domain + '/oauth2/authorize?' + new URLSearchParams({ response_type: 'code', client_id: c.clientId,
    redirect_uri: c.redirectUri, scope: 'openid profile', code_challenge_method: 'S256', code_challenge: challenge, state }));
}

/**
 * Back from the hosted UI: checks the state, trades the code (and the PKCE verifier) for the ID
 * token and keeps it. Returns {user, next}; throws Error('state') or Error('token').
 */
export async function completeCognitoSignIn(params) {
  let p = null;
  try { p = JSON.parse(sessionStorage.getItem(PKCE)); } catch (e) { /* none */ }
  sessionStorage.removeItem(PKCE); // one use, whatever happens
  const c = await cognitoConfig();
  if (!c || !p || !params.get('state') || p.state !== params.get('state') || !params.get('code')) throw new Error('state');
  const r = await fetch(c.domain + '/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: c.clientId, code: params.get('code'),
      redirect_uri: c.redirectUri, code_verifier: p.verifier }),
  }).catch(() => null);
  const j = r?.ok ? await r.json().catch(() => ({})) : {};
  let claims;
  try {
    const part = j.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (ch) => ch.charCodeAt(0))));
  } catch (e) {
    throw new Error('token');
  }
  const ms = Math.min((j.expires_in || 3600) * 1000, claims.exp ? claims.exp * 1000 - Date.now() : Infinity) - 60000;
  const user = keep(j.id_token, ms, { sub: claims.sub, name: claims.name || claims['cognito:username'] || claims.sub,
    groups: claims['cognito:groups'], area: claims['custom:area'] });
  return { user, next: p.next };
}
