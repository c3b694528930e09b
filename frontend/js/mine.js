// 我的: for a helper, their claims (report "delivered" with a note and an optional photo
// reference, or give a claim back); for a poster, their needs, with the delivered claims waiting
// for their confirmation (GET /api/me); for an area admin, every delivered claim of their area
// waiting for confirmation, with the family's contact to check first (GET /api/confirm-queue).
import { api } from './api.js';
import { hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { $, categoryTag, errorText, html, placeText, render, showError, showLoading, signInLink, startPage, stateBadge } from './ui.js';

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
  let queue = null;
  try {
    [me, queue] = await Promise.all([api('/api/me', { auth: true }),
      // An admin with no area has no queue (403): the rest of the page still shows.
      hasRole('admin') ? api('/api/confirm-queue?limit=50', { auth: true }).catch((e) => (e.status === 403 ? null : Promise.reject(e))) : null]);
  } catch (err) {
    if (err.status === 401) location.href = signInLink();
    else showError(main, err, load);
    return;
  }
  main.removeAttribute('aria-busy');
  const p = me.profile;
  render(main, html`
    <h1>${t('mine.heading')}</h1>
    <p class="lead">${p.name} · ${p.roles.map((r) => t('role.' + r)).join('、')}${p.area ? html` · ${p.area.names.join(' ')}` : ''}</p>
    <div id="flash" aria-live="polite"></div>
    ${hasRole('helper') || me.claims.length ? html`<section aria-labelledby="claims-h"><h2 id="claims-h">${t('mine.claims')}</h2>
      ${me.claims.length ? me.claims.map(claimItem) : html`<p class="state">${t('mine.noClaims')} <a href="/">${t('mine.browse')}</a></p>`}</section>` : ''}
    ${hasRole('poster') ? html`<section aria-labelledby="posted-h"><h2 id="posted-h">${t('mine.posted')}</h2>
      ${me.posted.length ? me.posted.map(postedItem) : html`<p class="state">${t('mine.noPosted')} <a href="/post.html">${t('nav.post')}</a></p>`}</section>` : ''}
    ${queue ? html`<section aria-labelledby="admin-h"><h2 id="admin-h">${t('mine.admin')}</h2>
      <p class="lead">${t('mine.adminLead')}</p>
      ${queue.items.length ? queue.items.map(awaitingItem) : html`<p class="state">${t('mine.adminEmpty')}</p>`}</section>` : ''}`);
  wire();
}

function claimItem(c) {
  const n = c.need;
  const h = n?.household;
  return html`<article class="item" data-claim="${c.id}">
    <h3>${categoryTag(c.category)}<a href="/need.html?id=${encodeURIComponent(c.needId)}">${c.needTitle}</a></h3>
    <p>${stateBadge(c.state, 'claimState.')} ${t('mine.claimQuantity', { n: c.quantity, unit: n?.unit || '' })} · ${placeText(c.area)} · ${t('mine.claimedAt', { date: c.createdAt.slice(0, 10) })}</p>
    ${h ? html`<div class="contact"><dl class="facts">
      <dt>${t('household.name')}</dt><dd>${h.name}</dd>
      <dt>${t('household.phone')}</dt><dd><a href="tel:${h.phone}">${h.phone}</a></dd>
      <dt>${t('household.address')}</dt><dd>${h.address}</dd>
      <dt>${t('contact.heading')}</dt><dd>${n.contact.name} <a href="tel:${n.contact.phone}">${n.contact.phone}</a></dd></dl></div>` : ''}
    ${c.deliveryNote ? html`<p>${t('mine.note')}：${c.deliveryNote}${c.deliveryPhotoRef ? html` · ${t('mine.photo')}：${c.deliveryPhotoRef}` : ''}</p>` : ''}
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
  </article>`;
}

function postedItem(n) {
  const waiting = n.awaitingConfirmation || [];
  return html`<article class="item">
    <h3>${categoryTag(n.category)}${n.state === 'PENDING_REVIEW' || n.state === 'REJECTED' ? n.title : html`<a href="/need.html?id=${encodeURIComponent(n.id)}">${n.title}</a>`}</h3>
    <p>${stateBadge(n.state)} ${t('need.remaining')} ${n.remaining}/${n.quantity} ${n.unit} · ${placeText(n.area)} · ${t('need.deadline')} ${n.deadline}</p>
    ${n.rejectReason ? html`<p class="notice bad">${t('mine.rejectReason')}：${n.rejectReason}</p>` : ''}
    ${waiting.map((c) => html`<div class="contact" data-claim="${c.id}">
      <p><strong>${c.helperName}</strong> · ${t('mine.claimQuantity', { n: c.quantity, unit: n.unit })} · ${t('mine.deliveredAt', { date: (c.deliveredAt || '').slice(0, 10) })}</p>
      <p>${t('mine.note')}：${c.deliveryNote}${c.deliveryPhotoRef ? html` · ${t('mine.photo')}：${c.deliveryPhotoRef}` : ''}</p>
      <button type="button" class="confirm" data-need="${n.id}" data-claim="${c.id}">${t('confirm.button')}</button></div>`)}
  </article>`;
}

/** A delivered claim of the admin's area: what was delivered, by whom, and whom to call to check. */
function awaitingItem(c) {
  const n = c.need;
  const h = n.household;
  return html`<article class="item" data-claim="${c.id}">
    <h3>${categoryTag(c.category)}<a href="/need.html?id=${encodeURIComponent(c.needId)}">${c.needTitle}</a></h3>
    <p>${stateBadge(c.state, 'claimState.')} ${t('mine.claimQuantity', { n: c.quantity, unit: n.unit })} · ${placeText(c.area)} · ${t('mine.deliveredAt', { date: (c.deliveredAt || '').slice(0, 10) })}</p>
    <p>${t('mine.helper')}：<strong>${c.helperName}</strong></p>
    <p>${t('mine.note')}：${c.deliveryNote}${c.deliveryPhotoRef ? html` · ${t('mine.photo')}：${c.deliveryPhotoRef}` : ''}</p>
    <div class="contact"><dl class="facts">
      ${h ? html`<dt>${t('mine.family')}</dt><dd>${h.name} <a href="tel:${h.phone}">${h.phone}</a></dd>` : ''}
      <dt>${t('contact.heading')}</dt><dd>${n.contact.name} <a href="tel:${n.contact.phone}">${n.contact.phone}</a></dd></dl>
      <button type="button" class="confirm" data-need="${c.needId}" data-claim="${c.id}">${t('confirm.button')}</button></div>
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
      await act(form, () => api(path + '/delivered', { method: 'POST', auth: true, body: photo ? { note, photoRef: photo } : { note } }), t('deliver.done'));
    });
    form.querySelector('.release').addEventListener('click', async () => {
      const reason = $('#reason-' + claim).value;
      if (len(reason) > 200) return flash(t('release.tooLong'), false);
      await act(form, () => api(path, { method: 'DELETE', auth: true, body: reason.trim() ? { reason } : {} }), t('release.done'));
    });
  }
  for (const b of document.querySelectorAll('button.confirm')) {
    b.addEventListener('click', () => act(b.parentElement, () => api(`/api/needs/${encodeURIComponent(b.dataset.need)}/claims/${encodeURIComponent(b.dataset.claim)}/confirm`,
      { method: 'POST', auth: true }), t('confirm.done')));
  }
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
        if (slot) slot.textContent = f.message;
      }
    }
    flash(errorText(err), false);
  }
}
