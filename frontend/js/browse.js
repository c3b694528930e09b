// The public list: needs by window (category), area and text, 10 at a time with "load more".
// Filters live in the address (?category=&area=&text=) so a filtered list can be shared too.
import { api, publicRead } from './api.js';
import { areaPicker, loadAreas, pathOf } from './areas.js';
import { t } from './i18n.js';
import { $, CATEGORIES, categoryTag, deadlineText, html, placeText, render, showEmpty, showError, showLoading, startPage, yuan } from './ui.js';
import './wechat.js'; // the WeChat share card, only inside WeChat

const PAGE = 10;
const params = new URLSearchParams(location.search);
const filters = {
  category: CATEGORIES.includes(params.get('category')) ? params.get('category') : '',
  area: /^\d{12}$/.test(params.get('area') || '') ? params.get('area') : '',
  text: (params.get('text') || '').slice(0, 30),
};
let cursor = null;
let generation = 0; // answers to an older filter are dropped

// No top-level await: older in-app browsers (WeChat's among them) lack it.
startPage('browse', 'browse.title').then(draw);

function draw() {
  const main = $('#main');
  render(main, html`
    <h1>${t('browse.heading')}</h1>
    <p class="lead">${t('browse.lead')}</p>
    <section class="filters" aria-label="${t('browse.filters')}">
      <div class="chips" role="group" aria-label="${t('browse.byCategory')}">
        ${['', ...CATEGORIES].map((c) => html`<button type="button" data-category="${c}" aria-pressed="${c === filters.category}">${c ? t('cat.' + c) : t('browse.all')}</button>`)}
      </div>
      <form class="search" role="search" id="search">
        <label class="visually-hidden" for="text">${t('browse.searchLabel')}</label>
        <input id="text" type="search" maxlength="30" placeholder="${t('browse.searchPlaceholder')}" value="${filters.text}">
        <button type="submit">${t('browse.search')}</button>
      </form>
      <details class="areas" id="area-details"${filters.area ? html` open` : ''}>
        <summary>${t('browse.byArea')}</summary>
        <div class="area-selects" id="area-picker"><p>${t('state.loading')}</p></div>
      </details>
      <p class="active-filters" id="active" aria-live="polite"></p>
    </section>
    <div id="list" class="cards" aria-live="polite"></div>
    <div class="more" id="more"></div>`);

  for (const b of main.querySelectorAll('.chips button')) {
    b.addEventListener('click', () => {
      filters.category = b.dataset.category;
      main.querySelectorAll('.chips button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
      reload();
    });
  }
  $('#search').addEventListener('submit', (e) => {
    e.preventDefault();
    filters.text = $('#text').value.trim().slice(0, 30);
    reload();
  });

  // The area tree is only needed for the pickers: the list does not wait for it.
  loadAreas().then(() => {
    areaPicker($('#area-picker'), { value: filters.area, onChange: (code) => { filters.area = code; reload(); } });
    describeFilters();
  }).catch(() => render($('#area-picker'), html`<p>${t('browse.areasUnavailable')}</p>`));
  load(true);
}

function describeFilters() {
  const parts = [];
  if (filters.category) parts.push(t('cat.' + filters.category));
  if (filters.area) parts.push(pathOf(filters.area).map((a) => a.name).join(' ') || filters.area);
  if (filters.text) parts.push('“' + filters.text + '”');
  render($('#active'), parts.length ? html`${t('browse.showing', { filters: parts.join(' · ') })} <a href="/">${t('browse.clear')}</a>` : '');
}

function reload() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  history.replaceState(null, '', q.toString() ? '?' + q : location.pathname);
  cursor = null;
  describeFilters();
  load(true);
}

async function load(fresh) {
  const mine = ++generation;
  const list = $('#list');
  const more = $('#more');
  if (fresh) showLoading(list);
  else render(more, html`<p role="status">${t('state.loading')}</p>`);
  const q = new URLSearchParams({ limit: String(PAGE) });
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (cursor && !fresh) q.set('cursor', cursor);
  try {
    // The first page of an area and category is a snapshot file (no function runs); text search and
    // further pages ask the API, continuing from the snapshot's own cursor.
    const snapshot = fresh && !filters.text ? `/snapshots/lists/${filters.area || 'all'}/${filters.category || 'all'}.json` : null;
    const page = await publicRead(snapshot, '/api/needs?' + q);
    if (mine !== generation) return;
    if (fresh) {
      list.removeAttribute('aria-busy');
      render(list, '');
    }
    list.insertAdjacentHTML('beforeend', page.items.map(card).join(''));
    cursor = page.next;
    if (!list.children.length) {
      const filtered = filters.category || filters.area || filters.text;
      showEmpty(list, filtered ? t('browse.emptyFiltered') : t('browse.empty'),
        filtered ? { label: t('browse.clear'), run: () => { location.href = '/'; } } : null);
    }
    render(more, cursor ? html`<button type="button" class="secondary" id="load-more">${t('browse.more')}</button>`
      : list.querySelector('.card') ? html`<p class="hint">${t('browse.end')}</p>` : '');
    $('#load-more')?.addEventListener('click', () => load(false));
  } catch (err) {
    if (mine !== generation) return;
    // A first page failing replaces the list; a later page keeps what was already shown.
    showError(fresh ? list : more, err, () => load(fresh));
  }
}

function card(n) {
  const taken = n.quantity - n.remaining;
  return html`<article class="card" data-id="${n.id}">
    <h2>${categoryTag(n.category)}<a href="/need.html?id=${encodeURIComponent(n.id)}">${n.title}</a></h2>
    <p class="desc">${n.description}</p>
    <dl class="facts">
      <dt>${t('need.remaining')}</dt>
      <dd class="remaining"><strong>${n.remaining}</strong> / ${n.quantity} ${n.unit}${n.valueYuan != null ? html` · ${yuan(n.valueYuan)}` : ''}
        <div class="bar-track" aria-hidden="true"><div class="bar-fill" style="width:${Math.round((100 * taken) / n.quantity)}%"></div></div></dd>
      <dt>${t('need.where')}</dt><dd>${placeText(n.area)}</dd>
      <dt>${t('need.deadline')}</dt><dd>${deadlineText(n.deadline)}</dd>
    </dl>
  </article>`.s;
}
