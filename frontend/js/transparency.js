// 公开透明: what the platform has done, for anyone. Needs published, claimed and met by window and
// by area, how long help took, the needs met lately (their public facts only) and the
// credit-points leaderboard. Charts are HTML bars and one small SVG per histogram, drawn here (no
// chart library); each carries its numbers as text for screen readers. The area (down to towns)
// and the period live in the address, so a view can be shared.
import { api, publicRead } from './api.js';
import { areaPicker, loadAreas, pathOf } from './areas.js';
import { t } from './i18n.js';
import { $, categoryTag, html, num, placeText, render, showEmpty, showError, showLoading, startPage, todayInChina } from './ui.js';
import './wechat.js'; // the WeChat share card, only inside WeChat

const FEED_PAGE = 5;
const params = new URLSearchParams(location.search);
// Counted down to towns: a village in a shared link means its town.
const fromUrl = /^\d{12}$/.test(params.get('area') || '') ? params.get('area') : '';
const scope = {
  area: fromUrl && !fromUrl.endsWith('000') ? fromUrl.slice(0, 9) + '000' : fromUrl,
  month: params.get('period') === 'month',
};
let feedCursor = null;
let generation = 0; // answers for an older scope are dropped

startPage('transparency', 'tp.title').then(draw);

function draw() {
  render($('#main'), html`
    <h1>${t('tp.heading')}</h1>
    <p class="lead">${t('tp.lead')}</p>
    <section class="filters" aria-label="${t('tp.scopeLabel')}">
      <details class="areas"${scope.area ? html` open` : ''}>
        <summary>${t('tp.byArea')}</summary>
        <div class="area-selects" id="area-picker"><p>${t('state.loading')}</p></div>
      </details>
      <p class="active-filters" id="scope" aria-live="polite"></p>
    </section>
    <div id="stats" aria-live="polite"></div>
    <section class="panel" aria-labelledby="feed-h"><h2 id="feed-h">${t('tp.recent')}</h2>
      <div id="feed"></div><div class="more" id="feed-more"></div></section>
    <section class="panel" aria-labelledby="board-h"><h2 id="board-h">${t('tp.board')}</h2>
      <p class="hint">${t('tp.boardLead')}</p>
      <div class="seg" role="group" aria-label="${t('tp.period')}">
        <button type="button" data-month="false" aria-pressed="${!scope.month}">${t('tp.allTime')}</button>
        <button type="button" data-month="true" aria-pressed="${scope.month}">${t('tp.thisMonth')}</button>
      </div>
      <div id="board"></div></section>
    <section class="panel" aria-labelledby="orgs-h"><h2 id="orgs-h">${t('transparency.orgs')}</h2>
      <p class="hint">${t('transparency.orgsLead')}</p><div id="orgs"></div></section>`);
  for (const b of document.querySelectorAll('.seg button')) {
    b.addEventListener('click', () => {
      scope.month = b.dataset.month === 'true';
      document.querySelectorAll('.seg button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
      remember();
      loadBoard();
    });
  }
  loadAreas().then(() => {
    areaPicker($('#area-picker'), { value: scope.area, depth: 4, idPrefix: 'tp-area', onChange: (code) => { scope.area = code; reload(); } });
    describeScope();
  }).catch(() => render($('#area-picker'), html`<p>${t('browse.areasUnavailable')}</p>`));
  describeScope();
  reload();
}

function remember() {
  const q = new URLSearchParams();
  if (scope.area) q.set('area', scope.area);
  if (scope.month) q.set('period', 'month');
  history.replaceState(null, '', q.toString() ? '?' + q : location.pathname);
}

function describeScope() {
  const names = scope.area ? pathOf(scope.area).map((a) => a.name).join(' ') : '';
  render($('#scope'), scope.area
    ? html`${t('tp.scope', { area: names || scope.area })} <a href="/transparency.html${scope.month ? '?period=month' : ''}">${t('tp.showAll')}</a>`
    : t('tp.scopeAll'));
}

function reload() {
  remember();
  describeScope();
  feedCursor = null;
  loadStats();
  loadBoard();
  loadOrganisations();
}

// ---- the alliance's member organisations, by help confirmed -----------------------------------

let orgGeneration = 0;

async function loadOrganisations() {
  const mine = ++orgGeneration;
  const box = $('#orgs');
  showLoading(box, 1);
  const q = new URLSearchParams({ limit: '10' });
  if (scope.area) q.set('area', scope.area);
  try {
    // The first ten of an area (or everywhere) are a snapshot file; the API answers when it is not there yet.
    const r = await publicRead(`/snapshots/organisations/${scope.area || 'all'}.json`, '/api/organisations?' + q);
    if (mine !== orgGeneration) return;
    box.removeAttribute('aria-busy');
    if (!r.items.length) { showEmpty(box, t('transparency.orgsEmpty')); return; }
    render(box, html`<ul class="board">${r.items.map((o) => html`<li>
      <span class="rank" aria-hidden="true">${o.rank}</span><span class="visually-hidden">${t('tp.rank', { n: o.rank })}</span>
      <span class="board-name">${o.name} <span class="badge done">${t('org.badge')}</span></span>
      <span class="bar-value">${t('transparency.orgRow', { claims: o.contribution.claimsConfirmed, units: o.contribution.units, yuan: o.contribution.valueYuan })}</span></li>`)}</ul>`);
  } catch (err) {
    if (mine === orgGeneration) showError(box, err, loadOrganisations);
  }
}

// ---- the figures ------------------------------------------------------------------------------

async function loadStats(more = false) {
  const mine = ++generation;
  if (!more) {
    showLoading($('#stats'), 2);
    showLoading($('#feed'), 1);
    render($('#feed-more'), '');
  } else {
    render($('#feed-more'), html`<p role="status">${t('state.loading')}</p>`);
  }
  const q = new URLSearchParams({ limit: String(FEED_PAGE) });
  if (scope.area) q.set('area', scope.area);
  if (more && feedCursor) q.set('cursor', feedCursor);
  try {
    // The figures of everywhere, a county or a town are snapshot files; a village's and older feed pages come from the API.
    const snapshot = !more && (!scope.area || scope.area.endsWith('000')) ? `/snapshots/stats/${scope.area || 'all'}.json` : null;
    const s = await publicRead(snapshot, '/api/stats?' + q);
    if (mine !== generation) return;
    if (!more) drawStats(s);
    drawFeed(s.recent, more);
  } catch (err) {
    if (mine !== generation) return;
    if (more) showError($('#feed-more'), err, () => loadStats(true));
    else {
      showError($('#stats'), err, () => loadStats());
      $('#feed').removeAttribute('aria-busy');
      render($('#feed'), '');
    }
  }
}

function drawStats(s) {
  const box = $('#stats');
  box.removeAttribute('aria-busy');
  const tot = s.totals;
  if (!tot.published) {
    showEmpty(box, t('tp.noData'));
    return;
  }
  render(box, html`
    <section class="panel" aria-labelledby="totals-h"><h2 id="totals-h">${t('tp.totals')}</h2>
      <dl class="tiles">
        ${tile('tp.published', tot.published)}${tile('tp.claimed', tot.claimed)}${tile('tp.fulfilled', tot.fulfilled)}
      </dl>
      ${tot.averageDaysToFulfil != null ? html`<p class="hint">${t('tp.avgFulfil', { n: tot.averageDaysToFulfil })}</p>` : ''}
    </section>
    <section class="panel" aria-labelledby="cat-h"><h2 id="cat-h">${t('tp.byCategory')}</h2>
      ${legend()}
      ${bars(s.byCategory.map((c) => ({ ...c, name: t('cat.' + c.category) })))}</section>
    ${s.byArea.length ? html`<section class="panel" aria-labelledby="area-h"><h2 id="area-h">${t('tp.byAreaChart')}</h2>
      ${legend()}
      ${bars(s.byArea.map((a) => ({ ...a, name: a.area.name || a.area.code, sub: a.level === 'town' && !scope.area })))}</section>` : ''}
    <section class="panel" aria-labelledby="speed-h"><h2 id="speed-h">${t('tp.speed')}</h2>
      <div class="charts2">
        ${histogram('claim', t('tp.toClaim'), s.durations.toFirstClaim)}
        ${histogram('fulfil', t('tp.toFulfil'), s.durations.toFulfilment)}
      </div></section>`);
}

const tile = (key, n) => html`<div><dt>${t(key)}</dt><dd>${t('tp.items', { n })}</dd></div>`;

const legend = () => html`<p class="legend" aria-hidden="true">
  <span><i class="l-pub"></i>${t('tp.legendPublished')}</span><span><i class="l-claim"></i>${t('tp.legendClaimed')}</span>
  <span><i class="l-done"></i>${t('tp.legendFulfilled')}</span></p>`;

/** One row per window or area: three nested bars (published ⊇ claimed ⊇ met), scaled to the largest. */
function bars(rows) {
  const max = Math.max(1, ...rows.map((r) => r.published));
  const pct = (n) => Math.round((1000 * n) / max) / 10;
  return html`<ul class="bars">${rows.map((r) => html`<li${r.sub ? html` class="sub"` : ''}>
    <span class="bar-name">${r.name}</span>
    <span class="track" aria-hidden="true"><span class="pub" style="width:${pct(r.published)}%"></span><span class="claim" style="width:${pct(r.claimed)}%"></span><span class="done" style="width:${pct(r.fulfilled)}%"></span></span>
    <span class="bar-value" aria-hidden="true">${t('tp.barValue', { fulfilled: num(r.fulfilled), published: num(r.published) })}</span>
    <span class="visually-hidden">${t('tp.rowSr', { name: r.name, published: r.published, claimed: r.claimed, fulfilled: r.fulfilled })}</span>
  </li>`)}</ul>`;
}

function bucketLabel(b) {
  if (b.fromDays === 0) return t('tp.bucketUnder', { to: b.toDays });
  if (b.toDays == null) return t('tp.bucketOver', { from: b.fromDays });
  return t('tp.bucketRange', { from: b.fromDays, to: b.toDays });
}

/** A column chart of the six duration buckets, as an SVG sized by its viewBox (fits any width). */
function histogram(id, title, d) {
  const W = 320;
  const H = 150;
  const top = 18;
  const base = H - 22;
  const slot = W / d.buckets.length;
  const max = Math.max(1, ...d.buckets.map((b) => b.count));
  const labels = d.buckets.map(bucketLabel);
  const summary = d.buckets.map((b, i) => t('tp.bucketSr', { label: labels[i], n: b.count })).join(t('tp.listSep'));
  return html`<figure class="hist" id="hist-${id}">
    <figcaption><strong>${title}</strong><br><span class="hint">${d.count ? t('tp.avgDays', { n: d.averageDays, count: d.count }) : t('tp.noDurations')}</span></figcaption>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${t('tp.histSr', { title, values: summary })}" focusable="false">
      <line x1="0" y1="${base}" x2="${W}" y2="${base}" class="axis"></line>
      ${d.buckets.map((b, i) => {
        const h = Math.round(((base - top) * b.count) / max);
        const x = Math.round(i * slot + slot * 0.15);
        const w = Math.round(slot * 0.7);
        return html`<g><title>${labels[i]}: ${b.count}</title>
          <rect x="${x}" y="${base - h}" width="${w}" height="${h}"></rect>
          <text x="${x + w / 2}" y="${base - h - 4}" text-anchor="middle" class="count">${b.count}</text>
          <text x="${x + w / 2}" y="${H - 6}" text-anchor="middle">${labels[i]}</text></g>`;
      })}
    </svg></figure>`;
}

// ---- the feed of met needs ---------------------------------------------------------------------

function drawFeed(recent, more) {
  const feed = $('#feed');
  feed.removeAttribute('aria-busy');
  if (!more) render(feed, recent.items.length ? html`<ol class="feed"></ol>` : '');
  const list = feed.querySelector('ol.feed');
  if (list) list.insertAdjacentHTML('beforeend', recent.items.map(feedItem).join(''));
  if (!feed.querySelector('li')) showEmpty(feed, t('tp.recentEmpty'));
  feedCursor = recent.next;
  render($('#feed-more'), feedCursor ? html`<button type="button" class="secondary" id="feed-load">${t('browse.more')}</button>` : '');
  $('#feed-load')?.addEventListener('click', () => loadStats(true));
}

const feedItem = (n) => html`<li data-id="${n.id}">
  <p class="feed-title">${categoryTag(n.category)}<a href="/need.html?id=${encodeURIComponent(n.id)}">${n.title}</a></p>
  <p class="hint">${n.beneficiary} · ${placeText(n.area)} · ${n.quantity} ${n.unit} · ${t('tp.fulfilledOn', { date: dateInChina(n.fulfilledAt) })} · ${n.daysToFulfil === 0 ? t('tp.sameDay') : t('tp.daysTaken', { n: n.daysToFulfil })}</p>
</li>`.s;

/** The calendar day in China of an instant, like the deadlines. */
const dateInChina = (iso) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

// ---- the leaderboard ---------------------------------------------------------------------------

let boardGeneration = 0;

async function loadBoard() {
  const mine = ++boardGeneration;
  const box = $('#board');
  showLoading(box, 1);
  const q = new URLSearchParams({ limit: '10' });
  if (scope.area) q.set('area', scope.area);
  if (scope.month) q.set('month', todayInChina().slice(0, 7));
  try {
    // A board's first ten are a snapshot file (this month's appears with its first point); else the API.
    const b = await publicRead(`/snapshots/boards/${scope.area || 'all'}/${scope.month ? todayInChina().slice(0, 7) : 'all'}.json`, '/api/leaderboard?' + q);
    if (mine !== boardGeneration) return;
    box.removeAttribute('aria-busy');
    if (!b.entries.length) {
      showEmpty(box, t('tp.boardEmpty'));
      return;
    }
    const max = Math.max(1, ...b.entries.map((e) => e.points));
    render(box, html`<ol class="board">${b.entries.map((e) => html`<li>
      <span class="rank" aria-hidden="true">${e.rank}</span><span class="visually-hidden">${t('tp.rank', { n: e.rank })}</span>
      <span class="board-name">${e.name}<span class="track" aria-hidden="true"><span class="done" style="width:${Math.round((100 * e.points) / max)}%"></span></span></span>
      <span class="bar-value">${t('tp.points', { n: e.points })}</span></li>`)}</ol>`);
  } catch (err) {
    if (mine === boardGeneration) showError(box, err, loadBoard);
  }
}
