// One need: what, how much is left, where, until when; its share link with a copy button and a
// QR code (for people at a desktop); and, for a signed-in helper, the claim.
import { api, publicRead } from './api.js';
import { hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { qrSvgPath } from './qr.js';
import { $, categoryTag, daysUntil, deadlineText, errorText, html, render, showError, showLoading, signInLink, startPage, stateBadge, yuan } from './ui.js';

let firstRead = true;

const id = new URLSearchParams(location.search).get('id') || '';

startPage('need', 'need.title').then(load);

async function load() {
  const main = $('#main');
  if (!/^n[a-z0-9]{12}$/.test(id)) {
    render(main, html`<div class="state error" role="alert"><p>${t('need.notFound')}</p><p><a href="/">${t('need.backToList')}</a></p></div>`);
    return;
  }
  showLoading(main, 1);
  let n;
  try {
    // First from the need's snapshot (a shared link's tap runs no function); after a claim, the API.
    n = await publicRead(firstRead ? `/snapshots/needs/${id}.json` : null, '/api/needs/' + encodeURIComponent(id));
    firstRead = false;
  } catch (err) {
    if (err.status === 404) render(main, html`<div class="state error" role="alert"><p>${t('need.notFound')}</p><p><a href="/">${t('need.backToList')}</a></p></div>`);
    else showError(main, err, load);
    return;
  }
  main.removeAttribute('aria-busy');
  document.title = n.title + ' · ' + t('site.name');
  const shareUrl = location.origin + n.shareUrl;
  const open = n.state === 'PUBLISHED' && n.remaining > 0 && daysUntil(n.deadline) >= 0;
  const status = n.state === 'PUBLISHED' && !open ? 'EXPIRED' : n.state;
  render(main, html`
    <p><a href="/">← ${t('need.backToList')}</a></p>
    <div class="need-layout">
      <article class="panel" aria-labelledby="need-title">
        <h1 id="need-title">${categoryTag(n.category)}${n.title}</h1>
        <p>${stateBadge(status)}</p>
        <p class="need-desc">${n.description}</p>
        <dl class="facts">
          <dt>${t('need.remaining')}</dt><dd class="remaining"><strong>${n.remaining}</strong> / ${n.quantity} ${n.unit}</dd>
          ${n.valueYuan != null ? html`<dt>${t('need.value')}</dt><dd>${yuan(n.valueYuan)}</dd>` : ''}
          <dt>${t('need.where')}</dt><dd>${n.area.names.join(' ')}</dd>
          <dt>${t('need.deadline')}</dt><dd>${deadlineText(n.deadline)}</dd>
          <dt>${t('need.beneficiary')}</dt><dd>${n.beneficiary}</dd>
          ${n.publishedAt ? html`<dt>${t('need.published')}</dt><dd>${n.publishedAt.slice(0, 10)}</dd>` : ''}
        </dl>
        <p class="hint">${t('need.privacy')}</p>
      </article>
      <div>
        <section class="panel" id="claim" aria-labelledby="claim-title"></section>
        <section class="panel" aria-labelledby="share-title">
          <h2 id="share-title">${t('share.heading')}</h2>
          <p class="hint">${t('share.hint')}</p>
          <div class="share-row">
            <label class="visually-hidden" for="share-url">${t('share.link')}</label>
            <input id="share-url" readonly value="${shareUrl}">
            <button type="button" id="copy" class="secondary">${t('share.copy')}</button>
          </div>
          <p id="copy-status" role="status" class="hint"></p>
          ${navigator.share ? html`<button type="button" id="native-share">${t('share.native')}</button>` : ''}
          <div class="qr" id="qr"></div>
        </section>
      </div>
    </div>`);
  drawQr(shareUrl);
  $('#copy').addEventListener('click', () => copy(shareUrl));
  $('#native-share')?.addEventListener('click', () => navigator.share({ title: n.title, url: shareUrl }).catch(() => {}));
  drawClaim(n, open);
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

function drawClaim(n, open) {
  const box = $('#claim');
  const heading = html`<h2 id="claim-title">${t('claim.heading')}</h2>`;
  if (!open) {
    render(box, html`${heading}<p>${n.state === 'FULFILLED' ? t('claim.fulfilled') : n.state === 'PUBLISHED' && n.remaining > 0 ? t('claim.expired') : t('claim.taken')}</p>`);
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
  render(box, html`${heading}
    <form id="claim-form" novalidate>
      ${n.remaining > 1 ? html`<div class="field"><label for="claim-quantity">${t('claim.quantity', { unit: n.unit })}</label>
        <input id="claim-quantity" type="number" inputmode="numeric" min="1" max="${n.remaining}" step="1" value="${n.remaining}" aria-describedby="claim-quantity-hint">
        <p class="hint" id="claim-quantity-hint">${t('claim.quantityHint', { n: n.remaining, unit: n.unit })}</p></div>` : ''}
      <p class="hint">${t('claim.promise')}</p>
      <button type="submit" id="claim-button">${t('claim.button')}</button>
      <div id="claim-result" aria-live="polite"></div>
    </form>`);
  $('#claim-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = $('#claim-quantity') ? Number($('#claim-quantity').value) : n.remaining;
    const result = $('#claim-result');
    if (!Number.isInteger(q) || q < 1 || q > n.remaining) {
      render(result, html`<p class="field-error">${t('claim.quantityHint', { n: n.remaining, unit: n.unit })}</p>`);
      return;
    }
    const button = $('#claim-button');
    button.disabled = true;
    render(result, html`<p role="status">${t('state.sending')}</p>`);
    try {
      const r = await api(`/api/needs/${encodeURIComponent(n.id)}/claims`, { method: 'POST', auth: true, body: { quantity: q } });
      claimed(r);
    } catch (err) {
      button.disabled = false;
      // Never retried by itself: the claim may have gone through. The helper can check 我的认领.
      render(result, html`<div class="notice bad" role="alert"><p>${errorText(err)}</p>
        ${err.kind !== 'http' ? html`<p>${t('claim.checkMine')} <a href="/mine.html">${t('nav.mine')}</a></p>` : ''}
        ${err.status === 409 ? html`<p><a href="">${t('claim.reload')}</a></p>` : ''}</div>`);
    }
  });
}

/** The winner sees whom to contact; nobody else ever gets these details. */
function claimed({ claim, need }) {
  const h = need.household || {};
  const c = need.contact || {};
  render($('#claim'), html`<h2 id="claim-title">${t('claim.heading')}</h2>
    <div class="notice ok" role="status"><p><strong>${t('claim.done', { n: claim.quantity, unit: need.unit })}</strong></p></div>
    <div class="contact"><p>${t('claim.contactIntro')}</p><dl class="facts">
      <dt>${t('household.name')}</dt><dd>${h.name || ''}</dd>
      <dt>${t('household.phone')}</dt><dd>${h.phone ? html`<a href="tel:${h.phone}">${h.phone}</a>` : ''}</dd>
      <dt>${t('household.address')}</dt><dd>${h.address || ''}</dd>
      <dt>${t('contact.heading')}</dt><dd>${c.name || ''} ${c.phone ? html`<a href="tel:${c.phone}">${c.phone}</a>` : ''}</dd>
    </dl></div>
    <p><a href="/mine.html">${t('claim.goMine')}</a></p>`);
}
