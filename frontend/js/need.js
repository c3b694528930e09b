// One need: what, how much is left, where, until when; its share link with a copy button and a
// QR code while it is open; a report (举报) for anyone; for a signed-in helper the claim; for its
// poster, in any state (GET /api/me/needs/{id}), the review progress, withdraw and edit.
import { api, newKey, publicRead } from './api.js';
import { hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { fillPhotos } from './photos.js';
import { qrSvgPath } from './qr.js';
import { $, amountText, categoryTag, confirmOnce, daysUntil, deadlineText, errorText, fieldText, html, num, render, showError, showLoading, signInLink, startPage, stateBadge, yuan } from './ui.js';
import './wechat.js'; // the WeChat share card, only inside WeChat

let firstRead = true;

const id = new URLSearchParams(location.search).get('id') || '';
const len = (s) => [...s.trim()].length;

startPage('need', 'need.title').then(load);

function notFound() {
  render($('#main'), html`<div class="state error" role="alert"><p>${t('need.notFound')}</p><p><a href="/">${t('need.backToList')}</a></p></div>`);
}

async function load() {
  const main = $('#main');
  if (!/^n[a-z0-9]{12}$/.test(id)) return notFound();
  showLoading(main, 1);
  const missing = (e) => (e.status === 404 ? null : Promise.reject(e));
  let pub;
  let mine = null;
  try {
    // The public view first from the need's snapshot (a shared link's tap runs no function; after a
    // claim, the API); a poster may be looking at their own need in a state the public never sees.
    [pub, mine] = await Promise.all([
      publicRead(firstRead ? `/snapshots/needs/${id}.json` : null, '/api/needs/' + encodeURIComponent(id)).catch(missing),
      hasRole('poster') ? api('/api/me/needs/' + encodeURIComponent(id), { auth: true }).catch(missing) : null]);
    firstRead = false;
  } catch (err) {
    showError(main, err, load);
    return;
  }
  if (!pub && !mine) return notFound();
  draw(mine || pub, !!mine);
}

const isOpen = (n) => n.state === 'PUBLISHED' && n.remaining > 0 && daysUntil(n.deadline) >= 0;
const isPublic = (n) => ['PUBLISHED', 'CLAIMED', 'DELIVERED', 'FULFILLED'].includes(n.state);

function draw(n, mine) {
  const main = $('#main');
  main.removeAttribute('aria-busy');
  document.title = n.title + ' · ' + t('site.name');
  const open = isOpen(n);
  const status = n.state === 'PUBLISHED' && !open ? 'EXPIRED' : n.state;
  render(main, html`
    <p><a href="/">← ${t('need.backToList')}</a></p>
    <div class="need-layout">
      <article class="panel" aria-labelledby="need-title">
        <h1 id="need-title">${categoryTag(n.category)}${n.title}</h1>
        <p>${stateBadge(status)}</p>
        ${n.state === 'FULFILLED' ? html`<div class="notice ok"><p><strong>${t('need.fulfilledBanner')}</strong></p></div>` : ''}
        <p class="need-desc">${n.description}</p>
        <dl class="facts">
          <dt>${t(open ? 'need.remaining' : 'need.quantity')}</dt><dd class="remaining">${amountText(n)}</dd>
          ${n.valueYuan != null ? html`<dt>${t('need.value')}</dt><dd>${yuan(n.valueYuan)}</dd>` : ''}
          <dt>${t('need.where')}</dt><dd>${n.area.names.join(' ')}</dd>
          ${n.state !== 'FULFILLED' ? html`<dt>${t('need.deadline')}</dt><dd>${deadlineText(n.deadline)}</dd>` : ''}
          <dt>${t('need.beneficiary')}</dt><dd>${n.beneficiary}</dd>
          ${n.publishedAt ? html`<dt>${t('need.published')}</dt><dd>${n.publishedAt.slice(0, 10)}</dd>` : ''}
        </dl>
        <div data-photos="public" data-list="${JSON.stringify(n.photos || [])}"></div>
        <p class="hint">${t('need.privacy')}</p>
      </article>
      <div>
        ${mine ? html`<section class="panel" id="poster" aria-labelledby="poster-title"></section>` : ''}
        ${isPublic(n) ? html`<section class="panel" id="claim" aria-labelledby="claim-title"></section>` : ''}
        ${open ? html`<section class="panel" aria-labelledby="share-title">
          <h2 id="share-title">${t('share.heading')}</h2>
          <p class="hint">${t('share.hint')}</p>
          <div class="share-row">
            <label class="visually-hidden" for="share-url">${t('share.link')}</label>
            <input id="share-url" readonly value="${location.origin + n.shareUrl}">
            <button type="button" id="copy" class="secondary">${t('share.copy')}</button>
          </div>
          <p id="copy-status" role="status" class="hint"></p>
          ${navigator.share ? html`<button type="button" id="native-share">${t('share.native')}</button>` : ''}
          <div class="qr" id="qr"></div>
        </section>` : ''}
        ${isPublic(n) && n.state !== 'FULFILLED' ? html`<section class="panel" id="report" aria-labelledby="report-title"></section>` : ''}
      </div>
    </div>`);
  fillPhotos(main);
  if (open) {
    const shareUrl = location.origin + n.shareUrl;
    drawQr(shareUrl);
    $('#copy').addEventListener('click', () => copy(shareUrl));
    $('#native-share')?.addEventListener('click', () => navigator.share({ title: n.title, url: shareUrl }).catch(() => {}));
  }
  if (mine) drawPoster(n);
  if (isPublic(n)) drawClaim(n, open, mine);
  if ($('#report')) drawReport(n);
}

function drawQr(url) {
  const { d, size } = qrSvgPath(url);
  render($('#qr'), html`<p class="hint">${t('share.qrHint')}</p>
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="${t('share.qrLabel')}" id="qr-code">
      <rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`);
}

async function copy(text) {
  const status = $('#copy-status');
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    // Older in-app browsers: select the text and use the legacy command.
    const input = $('#share-url');
    input.select();
    if (!document.execCommand || !document.execCommand('copy')) {
      status.textContent = t('share.copyManually');
      return;
    }
  }
  status.textContent = t('share.copied');
}

/** The poster's own view: where the need is in review, why it was rejected, and what they can still do. */
function drawPoster(n) {
  const box = $('#poster');
  const q = n.quantities || {};
  const nobodyHelping = !q.active && !q.delivered && !q.fulfilled;
  const canWithdraw = (n.state === 'PENDING_REVIEW' || n.state === 'PUBLISHED') && nobodyHelping;
  const canEdit = n.state === 'PENDING_REVIEW' || n.state === 'REJECTED';
  const progress = (role) => (n.reviews?.[role] ? t('review.done') : t('review.waiting'));
  render(box, html`<h2 id="poster-title">${t('poster.heading')}</h2>
    ${n.state === 'PENDING_REVIEW' ? html`<dl class="facts">
      <dt>${t('role.council')}</dt><dd>${progress('council')}</dd>
      <dt>${t('role.volunteer')}</dt><dd>${progress('volunteer')}</dd></dl>` : ''}
    ${n.rejectReason ? html`<p class="notice bad">${t('mine.rejectReason')}${t('punct.colon')}${n.rejectReason}</p>` : ''}
    ${n.state === 'WITHDRAWN' ? html`<p class="notice">${t('poster.withdrawn')}</p>` : ''}
    ${n.household ? html`<details><summary>${t('poster.household')}</summary><dl class="facts">
      <dt>${t('household.name')}</dt><dd>${n.household.name}</dd>
      <dt>${t('household.phone')}</dt><dd>${n.household.phone}</dd>
      <dt>${t('household.address')}</dt><dd>${n.household.address}</dd>
      <dt>${t('contact.heading')}</dt><dd>${n.contact.name} ${n.contact.phone}</dd></dl></details>` : ''}
    <div class="actions">
      ${canEdit ? html`<a class="button" id="edit" href="/post.html?edit=${encodeURIComponent(n.id)}">${t(n.state === 'REJECTED' ? 'poster.resubmit' : 'poster.edit')}</a>` : ''}
      ${canWithdraw ? html`<button type="button" class="secondary" id="withdraw">${t('poster.withdraw')}</button>` : ''}
    </div>
    ${!canWithdraw && (n.state === 'PUBLISHED' || n.state === 'CLAIMED' || n.state === 'DELIVERED') ? html`<p class="hint">${t('poster.cannotWithdraw')}</p>` : ''}
    <div id="poster-result" aria-live="polite"></div>`);
  const button = $('#withdraw');
  if (!button) return;
  confirmOnce(button, t('poster.withdrawAsk'), async (confirmBox) => {
    confirmBox.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const after = await api('/api/needs/' + encodeURIComponent(n.id), { method: 'DELETE', auth: true });
      draw(after, true);
      render($('#poster-result'), html`<p class="notice ok" role="status">${t('poster.withdrawDone')}</p>`);
    } catch (err) {
      confirmBox.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      render($('#poster-result'), html`<p class="notice bad" role="alert">${errorText(err)}</p>`);
    }
  });
}

function drawClaim(n, open, mine) {
  const box = $('#claim');
  const heading = html`<h2 id="claim-title">${t('claim.heading')}</h2>`;
  if (!open) {
    const why = n.state === 'FULFILLED' ? t('claim.fulfilled') : n.state === 'PUBLISHED' && n.remaining > 0 ? t('claim.expired') : t('claim.taken');
    render(box, html`${heading}<p>${why}</p><p><a href="/">${t('claim.others')}</a></p>`);
    return;
  }
  if (mine) {
    render(box, html`${heading}<p>${t('claim.yourOwn')}</p>`);
    return;
  }
  if (!user()) {
    render(box, html`${heading}<p>${t('claim.signInFirst')}</p><a class="button" href="${signInLink()}">${t('claim.signIn')}</a>`);
    return;
  }
  if (!hasRole('helper')) {
    render(box, html`${heading}<p>${t('claim.helpersOnly')}</p>`);
    return;
  }
  const key = newKey(); // per visit and quantity: a retry after a lost answer is the same claim
  render(box, html`${heading}
    <form id="claim-form" novalidate>
      ${n.remaining > 1 ? html`<div class="field"><label for="claim-quantity">${t('claim.quantity', { unit: n.unit })}</label>
        <input id="claim-quantity" type="number" inputmode="numeric" min="1" max="${n.remaining}" step="1" value="${n.remaining}" aria-describedby="claim-quantity-hint">
        <p class="hint" id="claim-quantity-hint">${t('claim.quantityHint', { n: num(n.remaining), unit: n.unit })}</p></div>` : ''}
      <p class="hint">${t('claim.promise')}</p>
      <button type="submit" id="claim-button">${t('claim.button')}</button>
      <div id="claim-result" aria-live="polite"></div>
    </form>`);
  $('#claim-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = $('#claim-quantity') ? Number($('#claim-quantity').value) : n.remaining;
    const result = $('#claim-result');
    if (!Number.isInteger(q) || q < 1 || q > n.remaining) {
      render(result, html`<p class="field-error">${t('claim.quantityHint', { n: num(n.remaining), unit: n.unit })}</p>`);
      return;
    }
    const button = $('#claim-button');
    button.disabled = true;
    render(result, html`<p role="status">${t('state.sending')}</p>`);
    try {
      const r = await api(`/api/needs/${encodeURIComponent(n.id)}/claims`, { method: 'POST', auth: true, body: { quantity: q }, key: key + '-' + q });
      claimed(r);
    } catch (err) {
      button.disabled = false;
      render(result, html`<div class="notice bad" role="alert"><p>${errorText(err)}</p>
        ${err.kind !== 'http' ? html`<p>${t('claim.retrySafe')}</p>` : ''}
        ${err.status === 409 ? html`<p><a href="">${t('claim.reload')}</a></p>` : ''}</div>`);
    }
  });
}

/** The winner sees whom to contact, and the need as it is now (what is left); nobody else ever gets these details. */
function claimed({ claim, need }) {
  draw(need, false);
  const h = need.household || {};
  const c = need.contact || {};
  render($('#claim'), html`<h2 id="claim-title">${t('claim.heading')}</h2>
    <div class="notice ok" role="status"><p><strong>${t('claim.done', { n: claim.quantity, unit: need.unit })}</strong></p>
      <p>${t('claim.dueOn', { date: claim.dueOn })}</p></div>
    <div class="contact"><p>${t('claim.contactIntro')}</p><dl class="facts">
      <dt>${t('household.name')}</dt><dd>${h.name || ''}</dd>
      <dt>${t('household.phone')}</dt><dd>${h.phone ? html`<a href="tel:${h.phone}">${h.phone}</a>` : ''}</dd>
      <dt>${t('household.address')}</dt><dd>${h.address || ''}</dd>
      <dt>${t('contact.heading')}</dt><dd>${c.name || ''} ${c.phone ? html`<a href="tel:${c.phone}">${c.phone}</a>` : ''}</dd>
    </dl></div>
    <p><a href="/mine.html">${t('claim.goMine')}</a></p>`);
  $('#claim').scrollIntoView({ block: 'nearest' });
}

/** Anyone may report a need that looks wrong; it goes to the village's reviewers. */
function drawReport(n) {
  const key = newKey();
  render($('#report'), html`<details id="report-box"><summary><span id="report-title">${t('report.button')}</span></summary>
    <form id="report-form" novalidate>
      <p class="hint">${t('report.lead')}</p>
      <div class="field"><label for="report-reason">${t('report.reason')}</label>
        <textarea id="report-reason" maxlength="300" aria-describedby="report-hint report-error"></textarea>
        <p class="hint" id="report-hint">${t('report.hint')}</p><p class="field-error" id="report-error" aria-live="polite"></p></div>
      <button type="submit" class="secondary" id="report-send">${t('report.send')}</button>
      <div id="report-result" aria-live="polite"></div>
    </form></details>`);
  $('#report-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const reason = $('#report-reason').value;
    const error = $('#report-error');
    if (len(reason) < 5 || len(reason) > 300) {
      error.textContent = t('report.hint');
      $('#report-reason').setAttribute('aria-invalid', 'true');
      $('#report-reason').focus();
      return;
    }
    error.textContent = '';
    $('#report-send').disabled = true;
    try {
      await api(`/api/needs/${encodeURIComponent(n.id)}/reports`, { method: 'POST', body: { reason }, key });
      render($('#report-form'), html`<p class="notice ok" role="status">${t('report.thanks')}</p>`);
    } catch (err) {
      $('#report-send').disabled = false;
      const f = err.status === 400 && (err.body.fields || []).find((x) => x.field === 'reason');
      if (f) error.textContent = fieldText(f);
      render($('#report-result'), html`<p class="notice bad" role="alert">${errorText(err)}</p>`);
    }
  });
}
