// The area admin's landing: the delivered claims of their area waiting for confirmation (with the
// family's and the village contact's phones to check with first; 确认帮扶完成 asks once), the
// area's audit trail by month (GET /api/audit), and the civic-points export as a CSV download
// (GET /api/exports/civic-points). People management (another page) is linked when it is there.
import { api, newKey } from './api.js';
import { freshToken, hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { fillPhotos } from './photos.js';
import { $, categoryTag, confirmOnce, errorText, html, num, placeText, render, showEmpty, showError, showLoading, signInLink, startPage, stateBadge, todayInChina } from './ui.js';

startPage('admin', 'admin.title').then(start);

const month = () => todayInChina().slice(0, 7);

function start() {
  const main = $('#main');
  if (!user()) {
    render(main, html`<h1>${t('admin.heading')}</h1><p>${t('mine.signInFirst')}</p><a class="button" href="${signInLink()}">${t('nav.signIn')}</a>`);
    return;
  }
  if (!hasRole('admin') || !user().area) {
    render(main, html`<h1>${t('admin.heading')}</h1><p class="notice">${t('admin.adminsOnly')}</p>`);
    return;
  }
  render(main, html`<h1>${t('admin.heading')}</h1>
    <p class="lead" id="admin-area"></p>
    <nav class="jump" aria-label="${t('admin.sections')}"><a href="#admin-h">${t('mine.admin')}</a> · <a href="#audit-h">${t('audit.heading')}</a> · <a href="#export-h">${t('export.heading')}</a> · <a href="/people.html">${t('admin.people')}</a></nav>
    <div id="flash" aria-live="polite"></div>
    <section aria-labelledby="admin-h"><h2 id="admin-h">${t('mine.admin')}</h2>
      <p class="lead">${t('mine.adminLead')}</p><div id="queue"></div></section>
    <section aria-labelledby="audit-h"><h2 id="audit-h">${t('audit.heading')}</h2>
      <p class="hint">${t('audit.lead')}</p>
      <form id="audit-form" class="row" novalidate><div class="field"><label for="audit-month">${t('audit.month')}</label>
        <input id="audit-month" type="month" value="${month()}" max="${month()}"></div>
        <button type="submit" class="secondary">${t('audit.show')}</button></form>
      <div id="audit" aria-live="polite"></div></section>
    <section aria-labelledby="export-h"><h2 id="export-h">${t('export.heading')}</h2>
      <p class="hint">${t('export.lead')}</p>
      <form id="export-form" novalidate><div class="grid2">
        <div class="field"><label for="export-from">${t('export.from')}</label><input id="export-from" type="month" value="${month()}" max="${month()}"></div>
        <div class="field"><label for="export-to">${t('export.to')}</label><input id="export-to" type="month" value="${month()}" max="${month()}"></div></div>
        <button type="submit" id="export-button">${t('export.download')}</button>
        <div id="export-result" aria-live="polite"></div></form></section>`);
  render($('#admin-area'), t('admin.area', { area: user().area }));
  loadQueue();
  loadAudit();
  $('#audit-form').addEventListener('submit', (e) => { e.preventDefault(); loadAudit(); });
  $('#export-form').addEventListener('submit', (e) => { e.preventDefault(); download(); });
}

async function loadQueue() {
  const box = $('#queue');
  showLoading(box, 2);
  try {
    const q = await api('/api/confirm-queue?limit=50', { auth: true });
    box.removeAttribute('aria-busy');
    render($('#admin-area'), t('admin.area', { area: q.area?.names?.join(' ') || user().area }));
    if (!q.items.length) return showEmpty(box, t('mine.adminEmpty'));
    render(box, html`${q.items.map(awaitingItem)}`);
    fillPhotos(box);
    for (const b of box.querySelectorAll('button.confirm')) {
      const key = newKey();
      confirmOnce(b, t('confirm.ask'), async (confirmBox) => {
        confirmBox.querySelectorAll('button').forEach((x) => { x.disabled = true; });
        try {
          await api(`/api/needs/${encodeURIComponent(b.dataset.need)}/claims/${encodeURIComponent(b.dataset.claim)}/confirm`, { method: 'POST', auth: true, key });
          await loadQueue();
          render($('#flash'), html`<p class="notice ok" role="status">${t('confirm.done')}</p>`);
          $('#flash').scrollIntoView({ block: 'nearest' });
        } catch (err) {
          confirmBox.querySelectorAll('button').forEach((x) => { x.disabled = false; });
          render($('#flash'), html`<p class="notice bad" role="alert">${errorText(err)}</p>`);
        }
      });
    }
  } catch (err) {
    if (err.status === 401) location.href = signInLink();
    else showError(box, err, loadQueue);
  }
}

/** A delivered claim of the admin's area: what was delivered, by whom, and whom to call to check. */
function awaitingItem(c) {
  const n = c.need;
  const h = n.household;
  return html`<article class="item" data-claim="${c.id}">
    <h3>${categoryTag(c.category)}<a href="/need.html?id=${encodeURIComponent(c.needId)}">${c.needTitle}</a></h3>
    <p>${stateBadge(c.state, 'claimState.')} ${t('mine.claimQuantity', { n: num(c.quantity), unit: c.unit || n.unit })} · ${placeText(c.area)} · ${t('mine.deliveredAt', { date: (c.deliveredAt || '').slice(0, 10) })}</p>
    <p>${t('mine.helper')}${t('punct.colon')}<strong>${c.helperName}</strong></p>
    <div data-photos="delivery" data-need="${c.needId}" data-claim="${c.id}"></div>
    <p>${t('mine.note')}${t('punct.colon')}${c.deliveryNote}${c.deliveryPhotoRef ? html` · ${t('mine.photo')}${t('punct.colon')}${c.deliveryPhotoRef}` : ''}</p>
    <div class="contact"><dl class="facts">
      ${h ? html`<dt>${t('mine.family')}</dt><dd>${h.name} <a href="tel:${h.phone}">${h.phone}</a></dd>` : ''}
      <dt>${t('contact.heading')}</dt><dd>${n.contact.name} <a href="tel:${n.contact.phone}">${n.contact.phone}</a></dd></dl>
      <button type="button" class="confirm" data-need="${c.needId}" data-claim="${c.id}">${t('confirm.button')}</button></div>
  </article>`;
}

// An audit action in words: "claim:c…:2" → 认领 2.
function actionText(a) {
  const [verb, , qty] = a.split(':');
  const role = a.split(':')[1];
  if (verb === 'approve' || verb === 'reject') return t('audit.' + verb, { role: t('role.' + role) });
  if (verb === 'reports') return t('audit.reports.' + role);
  if (verb === 'claim') return t('audit.claim', { n: qty || '' });
  const key = 'audit.' + verb;
  return t(key) === key ? a : t(key);
}

// A line is about a need (linked), an organisation (its members) or an import.
function subject(id) {
  if (id.startsWith('n')) return html`<a href="/need.html?id=${encodeURIComponent(id)}">${id}</a>`;
  return id.startsWith('o') ? t('audit.organisation', { id }) : id;
}

async function loadAudit() {
  const box = $('#audit');
  const m = $('#audit-month').value || month();
  showLoading(box, 2);
  try {
    const r = await api('/api/audit?limit=200&month=' + encodeURIComponent(m), { auth: true });
    box.removeAttribute('aria-busy');
    if (!r.entries.length) return showEmpty(box, t('audit.empty'));
    const when = (at) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
    render(box, html`<p class="hint">${t('audit.count', { n: r.entries.length })}</p><ol class="audit">${r.entries.map((e) => html`<li>
      <span class="hint">${when(e.at)}</span>
      <span><strong>${actionText(e.action)}</strong>${e.from && e.from !== e.to ? html` · ${t('state.' + e.from)} → ${t('state.' + e.to)}` : ''}</span>
      <span>${t('audit.by', { who: e.actorId })} · ${subject(e.needId)}${e.detail ? html` · ${e.detail}` : ''}</span></li>`)}</ol>`);
  } catch (err) {
    showError(box, err, loadAudit);
  }
}

/** The CSV comes with the admin's token, so it is fetched and handed to the browser as a file. */
async function download() {
  const from = $('#export-from').value;
  const to = $('#export-to').value;
  const out = $('#export-result');
  if (!from || !to || to < from) {
    render(out, html`<p class="field-error" role="alert">${t('export.range')}</p>`);
    return;
  }
  $('#export-button').disabled = true;
  render(out, html`<p role="status">${t('state.loading')}</p>`);
  try {
    const r = await fetch(`/api/exports/civic-points?from=${from}&to=${to}`, { headers: { authorization: 'Bearer ' + (await freshToken()) } });
    if (!r.ok) throw Object.assign(new Error('http'), { kind: 'http', status: r.status, body: await r.json().catch(() => ({})) });
    const blob = await r.blob();
    const name = `civic-points-${from}-${to}.csv`;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    render(out, html`<p class="notice ok" role="status">${t('export.done', { name, size: num(Math.ceil(blob.size / 1024)) })}</p>`);
  } catch (err) {
    render(out, html`<p class="notice bad" role="alert">${errorText(err.kind ? err : { kind: 'network' })}</p>`);
  } finally {
    $('#export-button').disabled = false;
  }
}
