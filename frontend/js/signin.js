// Sign-in. Locally: pick a demo user by role (auth.js asks the runner for a dev token). Where
// there is no dev endpoint (AWS) this page says that the Cognito sign-in is not wired yet.
import { loadAreas, pathOf } from './areas.js';
import { devUsers, signInAs, signOut, user } from './auth.js';
import { t } from './i18n.js';
import { $, html, render, safeNext, startPage } from './ui.js';

const ROLE_ORDER = ['helper', 'poster', 'council', 'volunteer', 'admin'];
const next = safeNext(new URLSearchParams(location.search).get('next'));

startPage('signin', 'signin.title').then(load);

async function load() {
  const main = $('#main');
  const current = user();
  render(main, html`<h1>${t('signin.heading')}</h1>
    ${current ? html`<div class="notice ok"><p>${t('signin.current', { name: current.name })}</p>
      <button type="button" class="secondary" id="out">${t('nav.signOut')}</button></div>` : ''}
    <p class="lead">${t('signin.lead')}</p>
    <div id="users" aria-live="polite"><p role="status">${t('state.loading')}</p></div>`);
  $('#out')?.addEventListener('click', () => { signOut(); load(); });
  let users;
  try {
    users = await devUsers();
    if (users) await loadAreas().catch(() => null); // only to name each user's area
  } catch (err) {
    render($('#users'), html`<div class="state error" role="alert"><p>${t('err.network')}</p><button type="button" id="retry">${t('state.retry')}</button></div>`);
    $('#retry').addEventListener('click', load);
    return;
  }
  if (users === null) {
    render($('#users'), html`<p class="notice">${t('signin.noDevUsers')}</p>`);
    return;
  }
  const groups = ROLE_ORDER.map((role) => ({ role, list: users.filter((u) => u.groups.includes(role)) })).filter((g) => g.list.length);
  render($('#users'), html`${groups.map((g) => html`<section aria-labelledby="role-${g.role}">
    <h2 id="role-${g.role}">${t('role.' + g.role)}</h2><p class="hint">${t('roleHelp.' + g.role)}</p>
    <div class="users">${g.list.map((u) => html`<button type="button" data-sub="${u.sub}">${u.name}
      ${u.area ? html`<small>${pathOf(u.area).slice(2).map((a) => a.name).join(' ') || u.area}</small>` : ''}</button>`)}</div></section>`)}`);
  for (const b of document.querySelectorAll('#users button[data-sub]')) {
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const u = await signInAs(users.find((x) => x.sub === b.dataset.sub));
        location.href = next !== '/' ? next : u.groups.includes('poster') ? '/mine.html'
          : u.groups.some((r) => r === 'council' || r === 'volunteer' || r === 'admin') ? '/review.html' : '/';
      } catch (err) {
        b.disabled = false;
        render($('#users'), html`<div class="state error" role="alert"><p>${t('err.network')}</p></div>`);
      }
    });
  }
}
