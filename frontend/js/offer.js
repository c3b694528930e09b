// One offer: what, how much is left, for which area, until when, who offers it; its share link
// with a copy button and a QR code, as for a need.
import { api } from './api.js';
import { t } from './i18n.js';
import { offerLeft } from './supply-ui.js';
import { qrSvgPath } from './qr.js';
import { $, categoryTag, html, placeText, render, showError, showLoading, startPage } from './ui.js';

const id = new URLSearchParams(location.search).get('id') || '';

startPage('offers', 'offer.title').then(load);

async function load() {
  const main = $('#main');
  const notFound = html`<div class="state error" role="alert"><p>${t('offer.notFound')}</p><p><a href="/offers.html">${t('offer.back')}</a></p></div>`;
  if (!/^f[a-z0-9]{12}$/.test(id)) { render(main, notFound); return; }
  showLoading(main, 1);
  let o;
  try {
    o = await api('/api/offers/' + encodeURIComponent(id));
  } catch (err) {
    if (err.status === 404) render(main, notFound);
    else showError(main, err, load);
    return;
  }
  main.removeAttribute('aria-busy');
  document.title = o.title + ' · ' + t('site.name');
  const url = location.origin + o.shareUrl;
  render(main, html`<p><a href="/offers.html">← ${t('offer.back')}</a></p>
    <article class="panel">
      <h1>${categoryTag(o.category)}${o.title}</h1>
      <p><span class="badge ${o.state === 'OPEN' ? 'open' : 'bad'}">${t('offer.state.' + o.state)}</span></p>
      ${o.state === 'WITHDRAWN' ? html`<p class="notice bad withdrawn" role="note">${t('offer.withdrawnNote')}</p>` : ''}
      <p class="need-desc">${o.description}</p>
      <dl class="facts">
        <dt>${t('offer.kind')}</dt><dd>${t('offer.kind.' + o.kind)}</dd>
        <dt>${t('need.remaining')}</dt><dd class="remaining">${offerLeft(o)}</dd>
        <dt>${t('offer.area')}</dt><dd>${o.area.names.join(' ')}</dd>
        <dt>${t('offer.untilLabel')}</dt><dd>${o.until}</dd>
        <dt>${t('offer.from')}</dt><dd>${o.organisation ? html`<span class="badge done">${t('org.badge')}</span> ${o.organisation.name}` : o.offererName}</dd>
      </dl>
      <p class="hint">${t('offer.howTo', { where: placeText(o.area) })}</p>
    </article>
    <section class="panel" aria-labelledby="share-title">
      <h2 id="share-title">${t('share.heading')}</h2>
      <div class="share-row"><label class="visually-hidden" for="share-url">${t('share.link')}</label>
        <input id="share-url" readonly value="${url}"><button type="button" id="copy" class="secondary">${t('share.copy')}</button></div>
      <p id="copy-status" role="status" class="hint"></p>
      <div class="qr" id="qr"></div>
    </section>`);
  const { d, size } = qrSvgPath(url);
  render($('#qr'), html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="${t('share.qrLabel')}">
    <rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`);
  $('#copy').addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(url); $('#copy-status').textContent = t('share.copied'); } catch (e) { $('#share-url').select(); }
  });
}
