// Sign-in by phone number and a 6-digit SMS code, the same locally and in AWS; locally the page
// also shows the code from the runner's SMS outbox, and the demo people to pick from. A person
// with no role yet can become a helper (帮扶主体) here; a helper can leave. Inside WeChat, where the
// pilot has an official account: 微信一键登录 for a person who linked their WeChat, and 绑定微信
// once signed in (WeChat sends the person back here with ?code=&state=).
import { api } from './api.js';
import { loadAreas, pathOf } from './areas.js';
import { devUsers, inWeChat, outboxCode, refreshNow, requestCode, signInAs, signInWithCode, signOut, user, weChatGo, weChatReturn,
  weChatStart } from './auth.js';
import { t } from './i18n.js';
import { $, html, render, safeNext, startPage } from './ui.js';

const ROLE_ORDER = ['helper', 'poster', 'council', 'volunteer', 'admin'];
const params = new URLSearchParams(location.search);
const next = safeNext(params.get('next'));

/** Where to go once signed in: where the person was headed, else the page of their role. */
const landing = (u, to) => (to !== '/' ? to : u.groups.includes('admin') ? '/admin.html' : u.groups.includes('poster') ? '/mine.html'
  : u.groups.some((r) => r === 'council' || r === 'volunteer') ? '/review.html' : '/');

startPage('signin', 'signin.title').then(() => (params.has('code') && params.has('state') ? back() : load()));

/** Back from WeChat's authorize page: sign in, or link, with the code it handed us. */
async function back() {
  const code = params.get('code');
  const state = params.get('state');
  history.replaceState(null, '', '/signin.html'); // a reload must not send the used code again
  render($('#main'), html`<h1>${t('signin.heading')}</h1><p class="state" role="status">${t('signin.wxWorking')}</p>`);
  let r;
  try {
    r = await weChatReturn(code, state);
  } catch (e) {
    r = { ok: false, status: 0, body: {}, next: '/' };
  }
  const to = safeNext(r.next);
  if (r.ok && !r.link) {
    location.href = landing(user(), to);
    return;
  }
  if (r.ok && to !== '/') {
    location.href = to; // linked from a page (我的): back there, which shows the link
    return;
  }
  const error = r.body?.error;
  const notice = r.ok ? ['ok', t('signin.wxLinked')]
    : error === 'wechat_not_linked' ? ['', t('signin.wxNotLinked')]
      : error === 'wechat_linked_elsewhere' ? ['bad', t('signin.wxTaken')]
        : error === 'person_has_another_wechat' ? ['bad', t('signin.wxOther')]
          : r.status === 400 ? ['bad', t('signin.wxRetry')] : ['bad', t('err.network')];
  load(notice, to, r.ok);
}

/** notice: [kind, text] shown first; to: where to go on; linked: just linked (no link button). */
function load(notice = null, to = next, linked = false) {
  const main = $('#main');
  const current = user();
  render(main, html`<h1>${t('signin.heading')}</h1>
    ${notice ? html`<div class="notice ${notice[0]}" role="status" id="wechat-notice"><p>${notice[1]}</p></div>` : ''}
    ${current ? html`<div class="notice ok"><p>${t('signin.current', { name: current.name })}</p>
      <button type="button" class="secondary" id="out">${t('nav.signOut')}</button>
      ${current.groups.includes('helper') ? html`<button type="button" class="secondary" id="leave">${t('helper.leave')}</button>` : ''}</div>
      <div id="wechat"></div>
      ${current.groups.length ? '' : helperForm()}`
    : html`<div id="wechat"></div>${phoneForm()}`}
    <div id="users" aria-live="polite"></div>`);
  $('#out')?.addEventListener('click', () => { signOut(); load(); });
  $('#leave')?.addEventListener('click', leave);
  if (current && !current.groups.length) wireHelper();
  if (!current) wirePhone();
  if (!linked) wireWeChat(current, to);
  demoPicker();
}

// Only inside WeChat, and only where the pilot has an official account (the start answers):
// signed out, 微信一键登录; signed in, 绑定微信 (and a way on to where the person was going).
async function wireWeChat(current, to) {
  if (!inWeChat()) return;
  const link = !!current;
  if (link) {
    // Already linked (on any device): no button. No answer (no account, offline): nothing either.
    const status = await api('/api/me/wechat', { auth: true }).catch(() => null);
    if (!status || status.linked) return;
  }
  if (!(await weChatStart(link))) return; // no WeChat account: nothing changes
  const box = $('#wechat');
  if (!box) return;
  render(box, html`<div class="card">
    <button type="button" id="wechat-go">${t(link ? 'signin.wxLink' : 'signin.wxSignIn')}</button>
    <p class="hint">${t(link ? 'signin.wxLinkHint' : 'signin.wxSignInHint')}</p>
    ${link && current.groups.length ? html`<a href="${landing(current, to)}" id="wechat-skip">${t('signin.wxSkip')}</a>` : ''}
    <p id="wechat-msg" class="field-error" role="alert"></p></div>`);
  $('#wechat-go').addEventListener('click', async () => {
    $('#wechat-go').disabled = true;
    const start = await weChatStart(link); // a fresh one: a start is good for 10 minutes
    if (start) {
      weChatGo(start, link, to);
      return;
    }
    $('#wechat-go').disabled = false;
    $('#wechat-msg').textContent = t('err.network');
  });
}

const phoneForm = () => html`<p class="lead">${t('signin.phoneLead')}</p>
  <form id="phone-form" novalidate>
    <label for="phone">${t('signin.phone')}</label>
    <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" required aria-describedby="phone-msg">
    <button type="submit" id="send">${t('signin.send')}</button>
    <p id="phone-msg" class="field-error" role="alert"></p>
  </form>
  <form id="code-form" novalidate hidden>
    <label for="code">${t('signin.code')}</label>
    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}" required aria-describedby="code-msg">
    <button type="submit" id="submit-code">${t('signin.submit')}</button>
    <button type="button" class="secondary" id="resend" disabled>${t('signin.resend')}</button>
    <p id="outbox" class="hint" role="status"></p>
    <p id="code-msg" class="field-error" role="alert"></p>
  </form>`;

function wirePhone() {
  let phone = '';
  let timer;
  const countdown = (s) => {
    clearInterval(timer);
    const b = $('#resend');
    let left = s;
    const tick = () => {
      b.disabled = left > 0;
      b.textContent = left > 0 ? t('signin.resendIn', { n: left }) : t('signin.resend');
      left--;
      if (left < -1) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 1000);
  };
  const send = async () => {
    const msg = $('#phone-msg');
    msg.textContent = '';
    phone = $('#phone').value.trim();
    if (!/^\+?[0-9 ()-]{8,20}$/.test(phone)) {
      msg.textContent = t('signin.errPhone');
      $('#phone').focus();
      return;
    }
    $('#send').disabled = true;
    try {
      const r = await requestCode(phone);
      if (r.ok || r.status === 429) {
        $('#code-form').hidden = false;
        countdown(r.ok ? r.body.resendAfter || 60 : 60);
        if (r.status === 429) $('#code-msg').textContent = r.body.message || t('signin.errTooMany');
        $('#code').focus();
        const local = r.ok ? await outboxCode(phone) : null; // only where the runner's outbox exists
        $('#outbox').textContent = local ? t('signin.outbox', { code: local }) : '';
      } else {
        msg.textContent = r.status === 400 ? t('signin.errPhone') : t('err.network');
      }
    } catch (e) {
      msg.textContent = t('err.network');
    } finally {
      $('#send').disabled = false;
    }
  };
  $('#phone-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  $('#resend').addEventListener('click', send);
  $('#code-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const msg = $('#code-msg');
    msg.textContent = '';
    const code = $('#code').value.trim();
    if (!/^[0-9]{6}$/.test(code)) {
      msg.textContent = t('signin.errCode');
      return;
    }
    const submit = $('#submit-code'); // kept: a person with no role gets a new page in its place
    submit.disabled = true;
    try {
      const r = await signInWithCode(phone, code);
      if (r.ok) {
        const u = user();
        // No role yet: offer to become a helper. Inside WeChat with an account: offer to link it first.
        if (!u.groups.length || (inWeChat() && (await weChatStart(true)))) load();
        else location.href = landing(u, next);
        return;
      }
      msg.textContent = r.body.error === 'code_locked' ? t('signin.errLocked') : r.status === 401 ? t('signin.errCode') : t('err.network');
    } catch (err) {
      msg.textContent = t('err.network');
    } finally {
      submit.disabled = false;
    }
  });
}

const helperForm = () => html`<section aria-labelledby="helper-title" class="card">
  <h2 id="helper-title">${t('helper.heading')}</h2><p>${t('helper.lead')}</p>
  <form id="helper-form" novalidate>
    <label for="helper-name">${t('helper.name')}</label>
    <input id="helper-name" maxlength="20" required value="${user()?.name || ''}" aria-describedby="helper-name-hint">
    <p class="hint" id="helper-name-hint">${t('helper.nameHint')}</p>
    <label for="helper-about">${t('helper.about')}</label>
    <input id="helper-about" maxlength="200">
    <button type="submit" id="become-helper">${t('helper.submit')}</button>
    <a href="${next}">${t('helper.skip')}</a>
    <p id="helper-msg" class="field-error" role="alert"></p>
  </form></section>`;

function wireHelper() {
  $('#helper-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('#helper-name').value.trim();
    const about = $('#helper-about').value.trim();
    if (!name) {
      $('#helper-msg').textContent = t('helper.errName');
      return;
    }
    $('#become-helper').disabled = true;
    try {
      await api('/api/me/helper', { method: 'POST', auth: true, body: about ? { name, about } : { name } });
      await refreshNow(); // the helper role is in the next token
      location.href = next;
    } catch (err) {
      $('#become-helper').disabled = false;
      $('#helper-msg').textContent = err.body?.fields?.[0]?.message || err.body?.message || t('err.network');
    }
  });
}

async function leave() {
  try {
    await api('/api/me/helper', { method: 'DELETE', auth: true });
    await refreshNow();
  } catch (e) { /* shown by the state below */ }
  load();
}

/** Local only: the demo people (GET /api/dev/users answers 404 in AWS, and nothing is shown). */
async function demoPicker() {
  let users;
  try {
    users = await devUsers();
    if (users) await loadAreas().catch(() => null); // only to name each user's area
  } catch (err) {
    return;
  }
  if (!users) return;
  const groups = ROLE_ORDER.map((role) => ({ role, list: users.filter((u) => u.groups.includes(role)) })).filter((g) => g.list.length);
  render($('#users'), html`<h2>${t('signin.demoHeading')}</h2><p class="lead">${t('signin.lead')}</p>${groups.map((g) => html`<section aria-labelledby="role-${g.role}">
    <h3 id="role-${g.role}">${t('role.' + g.role)}</h3><p class="hint">${t('roleHelp.' + g.role)}</p>
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
