// The one module that knows where sign-in tokens come from. Locally that is the runner's dev
// token endpoint (POST /api/dev/token, demo users at GET /api/dev/users). In AWS it would be the
// Cognito hosted UI, whose ID token carries the same claims; that wiring is not done here (no
// AWS account to test it against): replace devUsers/signInAs with the hosted-UI redirect and
// keep session()/token()/signOut() as they are.
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
  const s = { token, expires: Date.now() + TTL_MS, user: { sub: u.sub, name: u.name, groups: u.groups, area: u.area || null } };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s.user;
}
