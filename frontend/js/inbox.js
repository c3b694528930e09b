// 通知: the person's inbox (GET /api/me/notifications, newest first), the ones that ask for action
// marked, each read when opened or all at once; and their settings (language of the notices and
// SMS, SMS on or off).
import { api } from './api.js';
import { user } from './auth.js';
import { t } from './i18n.js';
import { $, errorText, html, render, showError, showLoading, signInLink, startPage, showUnread } from './ui.js';

startPage('inbox', 'inbox.title').then(load);

async function load() {
  const main = $('#main');
  if (!user()) {
    render(main, html`<h1>${t('inbox.heading')}</h1><p>${t('inbox.signInFirst')}</p><a class="button" href="${signInLink()}">${t('nav.signIn')}</a>`);
    return;
  }
  showLoading(main, 3);
  let box;
  try {
    box = await api('/api/me/notifications', { auth: true });
  } catch (err) {
    if (err.status === 401) location.href = signInLink();
    else showError(main, err, load);
    return;
  }
  main.removeAttribute('aria-busy');
  showUnread(box.unread);
  const s = box.settings;
  render(main, html`
    <h1>${t('inbox.heading')}</h1>
    <div id="flash" aria-live="polite"></div>
    ${box.unread ? html`<p><button type="button" class="secondary" id="read-all">${t('inbox.readAll', { n: box.unread })}</button></p>` : ''}
    ${box.items.length ? html`<ul class="inbox">${box.items.map(item)}</ul>` : html`<p class="state">${t('inbox.empty')}</p>`}
    <section aria-labelledby="settings-h"><h2 id="settings-h">${t('inbox.settings')}</h2>
      <form id="settings">
        <label>${t('inbox.language')}
          <select name="language">
            <option value="zh-CN"${s.language === 'zh-CN' ? html` selected` : ''}>${t('inbox.langZh')}</option>
            <option value="en"${s.language === 'en' ? html` selected` : ''}>${t('inbox.langEn')}</option>
          </select></label>
        <label class="check"><input type="checkbox" name="sms"${s.sms ? html` checked` : ''}> ${t('inbox.sms')}</label>
        <p class="hint">${t('inbox.smsHint')}</p>
        <button type="submit">${t('inbox.save')}</button>
      </form></section>`);
  wire();
}

function item(n) {
  const when = new Date(n.at).toLocaleString(document.documentElement.lang, { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const href = n.needId ? '/need.html?id=' + encodeURIComponent(n.needId) : null;
  const target = n.kind === 'CLAIM_DELIVERED' || n.kind === 'CLAIM_DUE_SOON' || n.kind === 'CLAIM_RELEASED' || n.kind === 'POINTS_EARNED' ? '/mine.html' : href;
  return html`<li class="note${n.read ? '' : ' unread'}${n.actionNeeded ? ' action' : ''}" data-id="${n.id}">
    ${n.read ? '' : html`<span class="visually-hidden">${t('inbox.unread')}</span>`}
    ${n.actionNeeded ? html`<span class="badge wait">${t('inbox.action')}</span> ` : ''}
    ${target ? html`<a href="${target}">${n.text}</a>` : n.text}
    <small><time datetime="${n.at}">${when}</time></small>
    ${n.read ? '' : html`<button type="button" class="link mark">${t('inbox.markRead')}</button>`}</li>`;
}

async function markRead(body) {
  try {
    await api('/api/me/notifications/read', { method: 'POST', body, auth: true });
    return true;
  } catch (err) {
    render($('#flash'), html`<p class="state error" role="alert">${errorText(err)}</p>`);
    return false;
  }
}

function wire() {
  $('#read-all')?.addEventListener('click', async () => {
    if (await markRead({ all: true })) load();
  });
  document.querySelectorAll('li.note').forEach((li) => {
    li.querySelector('button.mark')?.addEventListener('click', async () => {
      if (await markRead({ ids: [li.dataset.id] })) load();
    });
    // Opening a notice reads it (sent before leaving; the next page's badge counts it as read).
    li.querySelector('a')?.addEventListener('click', (e) => {
      if (!li.classList.contains('unread')) return;
      e.preventDefault();
      const href = e.currentTarget.href;
      markRead({ ids: [li.dataset.id] }).finally(() => { location.href = href; });
    });
  });
  $('#settings').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    const flash = $('#flash');
    try {
      await api('/api/me/notification-settings', { method: 'POST', body: { language: f.language.value, sms: f.sms.checked }, auth: true });
      render(flash, html`<p class="state ok" role="status">${t('inbox.saved')}</p>`);
    } catch (err) {
      render(flash, html`<p class="state error" role="alert">${errorText(err)}</p>`);
    }
  });
}
