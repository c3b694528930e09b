// Sign-in. Locally: pick a demo user by role (auth.js asks the runner for a dev token). Where
// there is no dev endpoint (AWS): a 登录 button for the Cognito hosted UI when /config.json names
// one, and this page is also where the hosted UI sends people back (?code=…&state=…).
import { loadAreas, pathOf } from './areas.js';
import { cognitoConfig, completeCognitoSignIn, devUsers, signInAs, signInWithCognito, signOut, user } from './auth.js';
import { t } from './i18n.js';
import { $, html, render, safeNext, startPage } from './ui.js';

const ROLE_ORDER = ['helper', 'poster', 'council', 'volunteer', 'admin'];
const params = new URLSearchParams(location.search);
const next = safeNext(params.get('next'));

/** Where to go once signed in: where the person was headed, else the page of their role. */
const landing = (u, to) => (to !== '/' ? to : u.groups.includes('poster') ? '/mine.html'
  : u.groups.some((r) => r === 'council' || r === 'volunteer' || r === 'admin') ? '/review.html' : '/');

startPage('signin', 'signin.title').then(() => (params.has('code') || params.has('error') ? back() : load()));

/** Back from the hosted UI: finish the sign-in, or say what went wrong above the usual choices. */
async function back() {
  render($('#main'), html`<h1>${t('signin.heading')}</h1><p role="status">${t('signin.completing')}</p>`);
  let problem = 'signin.errDenied';
  if (!params.has('error')) {
    try {
      const { user: u, next: to } = await completeCognitoSignIn(params);
      location.replace(landing(u, safeNext(to)));
      return;
    } catch (err) {
      problem = err.message === 'state' ? 'signin.errState' : 'signin.errToken';
    }
  }
  history.replaceState(null, '', '/signin.html');
  await load();
  $('#main h1').insertAdjacentHTML('afterend', html`<div class="state error" role="alert" id="signin-error"><p>${t(problem)}</p></div>`.s);
}

async function load() {
  const main = $('#main');
  const current = user();
  render(main, html`<h1>${t('signin.heading')}</h1>
    ${current ? html`<div class="notice ok"><p>${t('signin.current', { name: current.name })}</p>
      <button type="button" class="secondary" id="out">${t('nav.signOut')}</button></div>` : ''}
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
    const cognito = await cognitoConfig();
    render($('#users'), cognito ? html`<p class="lead">${t('signin.cognitoLead')}</p>
      <button type="button" id="cognito">${t('signin.cognitoButton')}</button>`
      : html`<p class="notice">${t('signin.noDevUsers')}</p>`);
    $('#cognito')?.addEventListener('click', async (e) => {
      e.target.disabled = true;
      try {
        await signInWithCognito(next);
      } catch (err) {
        e.target.disabled = false;
        render($('#users'), html`<div class="state error" role="alert"><p>${t('err.network')}</p></div>`);
      }
    });
    return;
  }
  const groups = ROLE_ORDER.map((role) => ({ role, list: users.filter((u) => u.groups.includes(role)) })).filter((g) => g.list.length);
  render($('#users'), html`<p class="lead">${t('signin.lead')}</p>${groups.map((g) => html`<section aria-labelledby="role-${g.role}">
    <h2 id="role-${g.role}">${t('role.' + g.role)}</h2><p class="hint">${t('roleHelp.' + g.role)}</p>
    <div class="users">${g.list.map((u) => html`<button type="button" data-sub="${u.sub}">${u.name}
      ${u.area ? html`<small>${pathOf(u.area).slice(2).map((a) => a.name).join(' ') || u.area}</small>` : ''}</button>`)}</div></section>`)}`);
  for (const b of document.querySelectorAll('#users button[data-sub]')) {
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const u = await signInAs(users.find((x) => x.sub === b.dataset.sub));
        location.href = landing(u, next);
      } catch (err) {
        b.disabled = false;
        render($('#users'), html`<div class="state error" role="alert"><p>${t('err.network')}</p></div>`);
      }
    });
  }
}
