// The review queue of a council member or volunteer: the needs of their area waiting for their
// check, with the household's details (they are the ones who verify them). Approve, or reject
// with a reason the poster will see; the answer takes the card's place. Above the queue, the needs
// the public reported (举报), which any reviewer or admin of the area may dismiss or withdraw.
// Admins see the queue of their area but do not review.
import { api, newKey } from './api.js';
import { hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { fillPhotos } from './photos.js';
import { helpHistoryBlock, showMatches } from './supply-ui.js';
import { $, amountText, categoryTag, deadlineText, errorText, fieldText, html, num, render, showEmpty, showError, showLoading, signInLink, startPage, yuan } from './ui.js';

const len = (s) => [...s.trim()].length;
const both = () => hasRole('council') && hasRole('volunteer');
let role = both() ? 'council' : '';
let cursor = null;

startPage('review', 'review.title').then(start);

function start() {
  const main = $('#main');
  if (!user()) {
    render(main, html`<h1>${t('review.heading')}</h1><p>${t('review.signInFirst')}</p><a class="button" href="${signInLink()}">${t('nav.signIn')}</a>`);
    return;
  }
  if (!hasRole('council') && !hasRole('volunteer') && !hasRole('admin')) {
    render(main, html`<h1>${t('review.heading')}</h1><p class="notice">${t('review.reviewersOnly')}</p>`);
    return;
  }
  render(main, html`<h1>${t('review.heading')}</h1>
    <p class="lead" id="queue-info"></p>
    ${both() ? html`<div class="field"><label for="role">${t('review.asRole')}</label>
      <select id="role"><option value="council">${t('role.council')}</option><option value="volunteer">${t('role.volunteer')}</option></select></div>` : ''}
    ${!hasRole('council') && !hasRole('volunteer') ? html`<p class="notice">${t('review.adminNote')}</p>` : ''}
    <div id="flash" aria-live="polite"></div>
    <section id="reported" aria-labelledby="reported-h" hidden></section>
    <div id="queue" aria-live="polite"></div>
    <div class="more" id="more"></div>`);
  $('#role')?.addEventListener('change', (e) => { role = e.target.value; load(true); });
  load(true);
}

async function load(fresh) {
  const box = $('#queue');
  if (fresh) { cursor = null; showLoading(box, 2); }
  const q = new URLSearchParams({ limit: '10' });
  if (role) q.set('role', role);
  if (cursor && !fresh) q.set('cursor', cursor);
  try {
    const page = await api('/api/review-queue?' + q, { auth: true });
    box.removeAttribute('aria-busy');
    render($('#queue-info'), t('review.info', { role: t('role.' + page.role), area: page.area.names.join(' ') }));
    if (fresh) render(box, '');
    box.insertAdjacentHTML('beforeend', page.items.map((n) => item(n, page.role)).join(''));
    for (const n of page.items) {
      const m = box.querySelector('.matches[data-need="' + n.id + '"]:not([data-filled])');
      if (m) { m.dataset.filled = '1'; showMatches(m, n, false); }
    }
    fillPhotos(box);
    cursor = page.next;
    render($('#more'), cursor ? html`<button type="button" class="secondary" id="load-more">${t('browse.more')}</button>` : '');
    $('#load-more')?.addEventListener('click', () => load(false));
    if (!box.children.length) showEmpty(box, t('review.empty'));
    wire(page.role);
    if (fresh) drawReported(page.reported || []);
  } catch (err) {
    if (err.status === 401) location.href = signInLink();
    else showError(fresh ? box : $('#more'), err, () => load(fresh));
  }
}

function item(n, asRole) {
  const h = n.household || {};
  const canReview = asRole === 'council' || asRole === 'volunteer';
  return html`<article class="item" data-id="${n.id}" aria-labelledby="t-${n.id}">
    <h2 id="t-${n.id}">${categoryTag(n.category)}${n.title}</h2>
    <p class="need-desc">${n.description}</p>
    <dl class="facts">
      <dt>${t('need.quantity')}</dt><dd>${num(n.quantity)} ${n.unit}${n.valueYuan != null ? html` · ${yuan(n.valueYuan)}` : ''}</dd>
      <dt>${t('need.where')}</dt><dd>${n.area.names.join(' ')}</dd>
      <dt>${t('need.deadline')}</dt><dd>${deadlineText(n.deadline)}</dd>
      <dt>${t('household.name')}</dt><dd>${h.name}</dd>
      <dt>${t('household.idNumber')}</dt><dd>${h.idNumber}</dd>
      <dt>${t('household.phone')}</dt><dd>${h.phone}</dd>
      <dt>${t('household.address')}</dt><dd>${h.address}</dd>
      <dt>${t('contact.heading')}</dt><dd>${n.contact.name} ${n.contact.phone}</dd>
      <dt>${t('review.postedBy')}</dt><dd>${n.posterName}</dd>
      <dt>${t('review.reviews')}</dt><dd>${t('role.council')} ${n.reviews.council ? t('review.done') : t('review.waiting')} · ${t('role.volunteer')} ${n.reviews.volunteer ? t('review.done') : t('review.waiting')}</dd>
    </dl>
    <div data-photos="review" data-need="${n.id}"></div>
    ${n.helpHistory ? helpHistoryBlock(n.helpHistory) : ''}
    <div class="matches" data-need="${n.id}"></div>
    ${canReview ? html`<form class="review" data-id="${n.id}" novalidate>
      <div class="field"><label for="reason-${n.id}">${t('review.reason')}</label>
        <textarea id="reason-${n.id}" maxlength="200" aria-describedby="reason-${n.id}-hint reason-${n.id}-error"></textarea>
        <p class="hint" id="reason-${n.id}-hint">${t('review.reasonHint')}</p>
        <p class="field-error" id="reason-${n.id}-error"></p></div>
      <div class="actions"><button type="button" class="approve">${t('review.approve')}</button>
        <button type="button" class="secondary reject">${t('review.reject')}</button></div>
      <div class="review-result" aria-live="polite"></div>
    </form>` : ''}
  </article>`.s;
}

function wire(asRole) {
  for (const form of document.querySelectorAll('form.review:not([data-wired])')) {
    form.dataset.wired = '1';
    form.addEventListener('submit', (e) => e.preventDefault()); // only the two buttons decide
    form.querySelector('.approve').addEventListener('click', () => send(form, 'approve', asRole));
    form.querySelector('.reject').addEventListener('click', () => send(form, 'reject', asRole));
  }
}

async function send(form, decision, asRole) {
  const id = form.dataset.id;
  const reason = $('#reason-' + id).value;
  const error = $('#reason-' + id + '-error');
  // The server's rule: a rejection needs a reason of 2–200 characters; any reason at most 200.
  if ((decision === 'reject' && (len(reason) < 2 || len(reason) > 200)) || len(reason) > 200) {
    error.textContent = t('review.reasonHint');
    $('#reason-' + id).setAttribute('aria-invalid', 'true');
    $('#reason-' + id).focus();
    return;
  }
  error.textContent = '';
  form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  const body = { decision };
  if (reason.trim()) body.reason = reason;
  if (both()) body.role = asRole;
  form.dataset.key ||= newKey();
  try {
    const r = await api(`/api/needs/${encodeURIComponent(id)}/reviews`, { method: 'POST', auth: true, body, key: form.dataset.key + '-' + decision });
    const text = r.decision === 'reject' ? t('review.rejected') : r.need.state === 'PUBLISHED' ? t('review.published') : t('review.approvedWaiting');
    // The answer where the card was, so the reviewer sees what their press did.
    const card = form.closest('article');
    card.classList.add('answered');
    render(card, html`<div class="notice ${r.decision === 'reject' ? 'bad' : 'ok'}" role="status">
      <p><strong>${r.need.title}</strong>${t('punct.colon')}${text}</p>
      ${r.need.state === 'PUBLISHED' ? html`<p><a href="/need.html?id=${encodeURIComponent(r.need.id)}">${t('review.seePublic')}</a></p>` : ''}</div>`);
    card.querySelector('.notice').focus?.();
  } catch (err) {
    form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    const reasonError = err.status === 400 && (err.body.fields || []).find((f) => f.field === 'reason');
    if (reasonError) error.textContent = fieldText(reasonError);
    render(form.querySelector('.review-result'), html`<p class="notice bad" role="alert">${errorText(err)}</p>`);
  }
}

/** The public's reports: what was said, and the reviewer's answer (dismiss, or withdraw the need) with a note. */
function drawReported(list) {
  const box = $('#reported');
  box.hidden = !list.length;
  if (!list.length) return;
  render(box, html`<h2 id="reported-h">${t('reports.heading', { n: list.length })}</h2><p class="hint">${t('reports.lead')}</p>
    ${list.map(({ need: n, openReports, reports }) => html`<article class="item reported" data-id="${n.id}">
      <h3>${categoryTag(n.category)}<a href="/need.html?id=${encodeURIComponent(n.id)}">${n.title}</a></h3>
      <p>${amountText(n)} · ${n.area.names.slice(-2).join(' ')} · ${t('reports.count', { n: openReports })}</p>
      <ul class="reasons">${reports.map((r) => html`<li>${r.reason} <span class="hint">${r.at.slice(0, 10)}</span></li>`)}</ul>
      <form class="resolve" novalidate>
        <div class="field"><label for="note-${n.id}">${t('reports.note')}</label>
          <textarea id="note-${n.id}" maxlength="200" aria-describedby="note-${n.id}-hint note-${n.id}-error"></textarea>
          <p class="hint" id="note-${n.id}-hint">${t('reports.noteHint')}</p><p class="field-error" id="note-${n.id}-error"></p></div>
        <div class="actions"><button type="button" class="secondary dismiss">${t('reports.dismiss')}</button>
          <button type="button" class="withdraw">${t('reports.withdraw')}</button></div>
        <div class="resolve-result" aria-live="polite"></div>
      </form></article>`)}`);
  for (const card of box.querySelectorAll('article.reported')) {
    const id = card.dataset.id;
    const key = newKey();
    const go = async (action) => {
      const note = $('#note-' + id).value;
      const error = $('#note-' + id + '-error');
      if (len(note) < 2 || len(note) > 200) {
        error.textContent = t('reports.noteHint');
        $('#note-' + id).focus();
        return;
      }
      error.textContent = '';
      card.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      try {
        const r = await api(`/api/needs/${encodeURIComponent(id)}/reports/resolve`, { method: 'POST', auth: true, body: { action, note }, key: key + '-' + action });
        render(card, html`<div class="notice ok" role="status"><p><strong>${r.need.title}</strong>${t('punct.colon')}${t(action === 'withdraw' ? 'reports.withdrawn' : 'reports.dismissed')}</p></div>`);
      } catch (err) {
        card.querySelectorAll('button').forEach((b) => { b.disabled = false; });
        const f = err.status === 400 && (err.body.fields || []).find((x) => x.field === 'note');
        if (f) error.textContent = fieldText(f);
        render(card.querySelector('.resolve-result'), html`<p class="notice bad" role="alert">${errorText(err)}</p>`);
      }
    };
    card.querySelector('.dismiss').addEventListener('click', () => go('dismiss'));
    card.querySelector('.withdraw').addEventListener('click', () => go('withdraw'));
  }
}
