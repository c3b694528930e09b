// 我的 (GET /api/me): for a helper, their credit points with every ledger line, their claims with
// the date each is due (report "delivered" with a note and an optional photo reference, or give a
// claim back); for a poster, their needs in every state, with the delivered claims waiting for
// their confirmation; where the pilot has a WeChat account, whether their WeChat is linked (绑定微信
// inside WeChat, 解除绑定 anywhere). An area admin's own work is on admin.html.
import { api, newKey } from './api.js';
import { hasRole, inWeChat, user, weChatGo, weChatStart } from './auth.js';
import { has, t } from './i18n.js';
import { fillPhotos } from './photos.js';
import { $, amountText, categoryTag, confirmOnce, daysUntil, errorText, fieldText, html, num, placeText, render, showError, showLoading, signInLink, startPage, stateBadge, todayInChina } from './ui.js';

const len = (s) => [...s.trim()].length;

startPage('mine', 'mine.title').then(load);

async function load() {
  const main = $('#main');
  if (!user()) {
    render(main, html`<h1>${t('mine.heading')}</h1><p>${t('mine.signInFirst')}</p><a class="button" href="${signInLink()}">${t('nav.signIn')}</a>`);
    return;
  }
  showLoading(main, 2);
  let me;
  try {
    me = await api('/api/me', { auth: true });
  } catch (err) {
    if (err.status === 401) location.href = signInLink();
    else showError(main, err, load);
    return;
  }
  main.removeAttribute('aria-busy');
  const p = me.profile;
  const helper = hasRole('helper') || me.claims.length || me.points.total;
  render(main, html`
    <h1>${t('mine.heading')}</h1>
    <p class="lead">${p.name} · ${p.roles.map((r) => t('role.' + r)).join(t('punct.list'))}${p.area ? html` · ${p.area.names.join(' ')}` : ''}</p>
    ${hasRole('admin') ? html`<p class="notice"><a href="/admin.html">${t('mine.toAdmin')}</a></p>` : ''}
    <div id="flash" aria-live="polite"></div>
    ${helper ? points(me.points) : ''}
    ${helper ? html`<section aria-labelledby="claims-h"><h2 id="claims-h">${t('mine.claims')}</h2>
      ${me.claims.length ? me.claims.map(claimItem) : html`<p class="state">${t('mine.noClaims')} <a href="/">${t('mine.browse')}</a></p>`}</section>` : ''}
    ${hasRole('poster') ? html`<section aria-labelledby="posted-h"><h2 id="posted-h">${t('mine.posted')}</h2>
      ${me.posted.length ? me.posted.map(postedItem) : html`<p class="state">${t('mine.noPosted')} <a href="/post.html">${t('nav.post')}</a></p>`}</section>` : ''}
    <div id="wechat-link"></div>`);
  fillPhotos(main);
  wire();
  fillWeChat();
}

/** The WeChat link: shown only where the route answers (a pilot with an official account). */
async function fillWeChat() {
  const box = $('#wechat-link');
  const status = await api('/api/me/wechat', { auth: true }).catch(() => null);
  if (!box || !status) return;
  const offerLink = !status.linked && inWeChat() && (await weChatStart(true));
  if (!status.linked && !offerLink) return; // outside WeChat a link cannot be made: say nothing
  const day = status.linked ? new Date(status.linkedAt).toLocaleDateString(document.documentElement.lang || 'zh-CN', { timeZone: 'Asia/Shanghai' }) : '';
  render(box, html`<section aria-labelledby="wechat-h"><h2 id="wechat-h">${t('mine.wechat')}</h2>
    ${status.linked ? html`<p id="wechat-state">${t('mine.wechatLinked', { day })}</p>
      <button type="button" class="secondary" id="wechat-unlink">${t('mine.wechatUnlink')}</button>`
    : html`<p id="wechat-state">${t('signin.wxLinkHint')}</p><button type="button" id="wechat-go">${t('signin.wxLink')}</button>`}
    <p id="wechat-msg" class="field-error" role="alert"></p></section>`);
  const unlink = $('#wechat-unlink');
  if (unlink) {
    const key = newKey();
    confirmOnce(unlink, t('mine.wechatUnlinkAsk'), () => act(box, () => api('/api/me/wechat', { method: 'DELETE', auth: true, key }), t('mine.wechatUnlinked')));
  }
  $('#wechat-go')?.addEventListener('click', async () => {
    $('#wechat-go').disabled = true;
    const start = await weChatStart(true); // a fresh one: a start is good for 10 minutes
    if (start) return weChatGo(start, true, '/mine.html');
    $('#wechat-go').disabled = false;
    $('#wechat-msg').textContent = t('err.network');
  });
}

/** The total, this month's share of it, and every ledger line with its reason. */
function points(pts) {
  const month = todayInChina().slice(0, 7);
  const inChina = (at) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
  const lines = pts.ledger || [];
  const thisMonth = lines.filter((l) => inChina(l.at).startsWith(month)).reduce((a, l) => a + l.points, 0);
  return html`<section aria-labelledby="points-h"><h2 id="points-h">${t('points.heading')}</h2>
    <div class="totals"><div class="total"><strong>${num(pts.total)}</strong><span>${t('points.total')}</span></div>
      <div class="total"><strong>${num(thisMonth)}</strong><span>${t('points.thisMonth')}</span></div></div>
    ${lines.length ? html`<details class="ledger"${lines.length <= 5 ? html` open` : ''}><summary>${t('points.ledger', { n: lines.length })}</summary><ol class="ledger-lines">
      ${lines.map((l) => html`<li><span class="pts">${l.points > 0 ? '+' : ''}${num(l.points)}</span>
        <span>${has('points.rule.' + l.rule) ? html`<strong>${t('points.rule.' + l.rule)}</strong> ` : ''}${l.reason || ''}</span>
        <span class="hint">${inChina(l.at)}${l.needId ? html` · <a href="/need.html?id=${encodeURIComponent(l.needId)}">${t('points.need')}</a>` : ''}</span></li>`)}
    </ol></details>` : html`<p class="hint">${t('points.none')}</p>`}
    <p class="hint">${t('points.how')}</p></section>`;
}

function claimItem(c) {
  const n = c.need;
  const h = n?.household;
  return html`<article class="item" data-claim="${c.id}">
    <h3>${categoryTag(c.category)}<a href="/need.html?id=${encodeURIComponent(c.needId)}">${c.needTitle}</a></h3>
    <p>${stateBadge(c.state, 'claimState.')} ${t('mine.claimQuantity', { n: num(c.quantity), unit: c.unit || n?.unit || '' })} · ${placeText(c.area)} · ${t('mine.claimedAt', { date: c.createdAt.slice(0, 10) })}</p>
    ${c.state === 'ACTIVE' ? dueText(c.dueOn) : ''}
    ${h ? html`<div class="contact"><dl class="facts">
      <dt>${t('household.name')}</dt><dd>${h.name}</dd>
      <dt>${t('household.phone')}</dt><dd><a href="tel:${h.phone}">${h.phone}</a></dd>
      <dt>${t('household.address')}</dt><dd>${h.address}</dd>
      <dt>${t('contact.heading')}</dt><dd>${n.contact.name} <a href="tel:${n.contact.phone}">${n.contact.phone}</a></dd></dl></div>` : ''}
    ${c.deliveryNote ? html`<p>${t('mine.note')}${t('punct.colon')}${c.deliveryNote}${c.deliveryPhotoRef ? html` · ${t('mine.photo')}${t('punct.colon')}${c.deliveryPhotoRef}` : ''}</p>` : ''}
    ${c.state === 'ACTIVE' ? html`
      <form class="deliver" data-need="${c.needId}" data-claim="${c.id}" novalidate>
        <div class="field"><label for="note-${c.id}">${t('deliver.note')}</label>
          <textarea id="note-${c.id}" maxlength="500" aria-describedby="note-${c.id}-hint note-${c.id}-error"></textarea>
          <p class="hint" id="note-${c.id}-hint">${t('deliver.noteHint')}</p><p class="field-error" id="note-${c.id}-error"></p></div>
        <div class="field"><label for="photo-${c.id}">${t('deliver.photo')}</label>
          <input id="photo-${c.id}" maxlength="300" aria-describedby="photo-${c.id}-hint photo-${c.id}-error">
          <p class="hint" id="photo-${c.id}-hint">${t('deliver.photoHint')}</p><p class="field-error" id="photo-${c.id}-error"></p></div>
        <div class="actions"><button type="submit">${t('deliver.button')}</button></div>
        <details class="release-box"><summary>${t('release.button')}</summary>
          <div class="field"><label for="reason-${c.id}">${t('release.reason')}</label>
            <input id="reason-${c.id}" maxlength="200"></div>
          <button type="button" class="secondary release">${t('release.confirm')}</button></details>
      </form>` : ''}
    ${c.state === 'DELIVERED' ? html`<p class="hint">${t('mine.waitingConfirm')}</p>` : ''}
    ${c.state === 'ACTIVE' || c.state === 'DELIVERED' ? html`<div data-photos="delivery" data-need="${c.needId}" data-claim="${c.id}"></div>
      <div data-photos="add" data-need="${c.needId}" data-kind="delivery" data-claim="${c.id}"></div>` : ''}
  </article>`;
}

/** When an open claim is due: it is released by itself at that date and earns nothing. */
function dueText(dueOn) {
  const d = daysUntil(dueOn);
  const left = d < 0 ? t('due.over') : d === 0 ? t('due.today') : t('due.left', { n: d });
  return html`<p class="due${d <= 2 ? ' soon' : ''}"><strong>${t('due.by', { date: dueOn, left })}</strong> ${t('due.hint')}</p>`;
}

function postedItem(n) {
  const waiting = n.awaitingConfirmation || [];
  const editable = n.state === 'PENDING_REVIEW' || n.state === 'REJECTED';
  return html`<article class="item">
    <h3>${categoryTag(n.category)}<a href="/need.html?id=${encodeURIComponent(n.id)}">${n.title}</a></h3>
    <p>${stateBadge(n.state)} ${amountText(n)} · ${placeText(n.area)}${n.state !== 'FULFILLED' ? html` · ${t('need.deadline')} ${n.deadline}` : ''}</p>
    ${n.rejectReason ? html`<p class="notice bad">${t('mine.rejectReason')}${t('punct.colon')}${n.rejectReason}</p>` : ''}
    ${editable ? html`<p><a class="button secondary" href="/post.html?edit=${encodeURIComponent(n.id)}">${t(n.state === 'REJECTED' ? 'poster.resubmit' : 'poster.edit')}</a></p>` : ''}
    ${n.state === 'PENDING_REVIEW' ? html`<div data-photos="review" data-need="${n.id}"></div><div data-photos="add" data-need="${n.id}" data-kind="need"></div>` : ''}
    ${['CLAIMED', 'DELIVERED', 'FULFILLED'].includes(n.state) || waiting.length ? html`<div data-photos="delivery" data-need="${n.id}" data-consent="yes"></div>` : ''}
    ${waiting.map((c) => html`<div class="contact" data-claim="${c.id}">
      <p><strong>${c.helperName}</strong> · ${t('mine.claimQuantity', { n: num(c.quantity), unit: n.unit })} · ${t('mine.deliveredAt', { date: (c.deliveredAt || '').slice(0, 10) })}</p>
      <p>${t('mine.note')}${t('punct.colon')}${c.deliveryNote}${c.deliveryPhotoRef ? html` · ${t('mine.photo')}${t('punct.colon')}${c.deliveryPhotoRef}` : ''}</p>
      <button type="button" class="confirm" data-need="${n.id}" data-claim="${c.id}">${t('confirm.button')}</button></div>`)}
  </article>`;
}

function flash(text, ok) {
  render($('#flash'), html`<p class="notice ${ok ? 'ok' : 'bad'}" role="${ok ? 'status' : 'alert'}">${text}</p>`);
  $('#flash').scrollIntoView({ block: 'nearest' });
}

function wire() {
  for (const form of document.querySelectorAll('form.deliver')) {
    const { need, claim } = form.dataset;
    const path = `/api/needs/${encodeURIComponent(need)}/claims/${encodeURIComponent(claim)}`;
    const key = newKey(); // the same report or release when sent again after a lost answer
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const note = $('#note-' + claim).value;
      const photo = $('#photo-' + claim).value;
      // The server's rules: a note of 1–500 characters, a photo reference of at most 300.
      const noteBad = len(note) < 1 || len(note) > 500;
      const photoBad = photo.length > 300 || (photo !== '' && photo.trim() === '');
      $('#note-' + claim + '-error').textContent = noteBad ? t('deliver.noteRequired') : '';
      $('#photo-' + claim + '-error').textContent = photoBad ? t('deliver.photoTooLong') : '';
      if (noteBad || photoBad) return;
      await act(form, () => api(path + '/delivered', { method: 'POST', auth: true, body: photo ? { note, photoRef: photo } : { note }, key: key + '-' + hashOf(note + '|' + photo) }), t('deliver.done'));
    });
    form.querySelector('.release').addEventListener('click', async () => {
      const reason = $('#reason-' + claim).value;
      if (len(reason) > 200) return flash(t('release.tooLong'), false);
      await act(form, () => api(path, { method: 'DELETE', auth: true, body: reason.trim() ? { reason } : {}, key: key + '-r' + hashOf(reason) }), t('release.done'));
    });
  }
  for (const b of document.querySelectorAll('button.confirm')) {
    const key = newKey();
    confirmOnce(b, t('confirm.ask'), () => act(b.parentElement, () => api(`/api/needs/${encodeURIComponent(b.dataset.need)}/claims/${encodeURIComponent(b.dataset.claim)}/confirm`,
      { method: 'POST', auth: true, key }), t('confirm.done')));
  }
}

/** A short stable fingerprint of what is sent, so changed content gets its own key. */
function hashOf(s) {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.codePointAt(0)) | 0;
  return (h >>> 0).toString(36);
}

/** Runs one step; on success redraws from the server, on failure says why (400s by field). */
async function act(scope, call, done) {
  scope.querySelectorAll('button').forEach((x) => { x.disabled = true; });
  try {
    await call();
    await load();
    flash(done, true);
  } catch (err) {
    scope.querySelectorAll('button').forEach((x) => { x.disabled = false; });
    const fields = err.status === 400 && err.body.fields;
    if (fields) {
      for (const f of fields) {
        const slot = scope.querySelector(`[id$="-error"][id^="${f.field === 'photoRef' ? 'photo' : 'note'}-"]`);
        if (slot) slot.textContent = fieldText(f);
      }
    }
    flash(errorText(err), false);
  }
}
