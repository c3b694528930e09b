// 供给: what the alliance's members and helpers offer (goods, services, training, jobs), by window
// and area; used-up and expired offers are not listed. Each opens its own page with a share link.
import { api } from './api.js';
import { t } from './i18n.js';
import { offerCard } from './supply-ui.js';
import { $, CATEGORIES, html, render, showEmpty, showError, showLoading, startPage } from './ui.js';

const params = new URLSearchParams(location.search);
let cursor = null;

startPage('offers', 'offers.title').then(() => {
  render($('#main'), html`<h1>${t('offers.heading')}</h1>
    <p class="lead">${t('offers.lead')}</p>
    <form id="filters" class="filters">
      <div class="field"><label for="category">${t('browse.byCategory')}</label>
        <select id="category"><option value="">${t('browse.all')}</option>
          ${CATEGORIES.map((c) => html`<option value="${c}"${params.get('category') === c ? html` selected` : ''}>${t('cat.' + c)}</option>`)}</select></div>
    </form>
    <div id="list" class="cards" aria-live="polite"></div><div id="more"></div>
    <p><a href="/supply.html">${t('offers.publish')}</a></p>`);
  $('#category').addEventListener('change', () => {
    const c = $('#category').value;
    history.replaceState(null, '', c ? '?category=' + encodeURIComponent(c) : location.pathname);
    load(true);
  });
  load(true);
});

async function load(fresh) {
  const box = $('#list');
  if (fresh) { cursor = null; showLoading(box, 2); }
  const q = new URLSearchParams({ limit: '10' });
  if ($('#category').value) q.set('category', $('#category').value);
  if (cursor && !fresh) q.set('cursor', cursor);
  try {
    const page = await api('/api/offers?' + q);
    box.removeAttribute('aria-busy');
    if (fresh) render(box, '');
    box.insertAdjacentHTML('beforeend', page.items.map((o) => offerCard(o).s).join(''));
    cursor = page.next;
    render($('#more'), cursor ? html`<button type="button" class="secondary" id="load-more">${t('browse.more')}</button>` : '');
    $('#load-more')?.addEventListener('click', () => load(false));
    if (!box.children.length) showEmpty(box, t('offers.empty'));
  } catch (err) {
    showError(fresh ? box : $('#more'), err, () => load(fresh));
  }
}
