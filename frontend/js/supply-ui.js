// Pieces of the supply side used on several pages: the offers that fit a need (same window, the
// offer covers the village, capacity left; the poster may propose the need to one), a household's
// help history as reviewers see it, and an offer's card.
import { api } from './api.js';
import { t } from './i18n.js';
import { categoryTag, errorText, html, placeText, render } from './ui.js';

/** What is left of an offer: in all, or this month for a monthly one. */
export function offerLeft(o) {
  return t(o.capacity === 'MONTHLY' ? 'offer.leftMonthly' : 'offer.left', { n: o.remaining, total: o.quantity, unit: o.unit });
}

export function offerCard(o) {
  return html`<article class="card offer" data-offer="${o.id}">
    <h3>${categoryTag(o.category)}<a href="/offer.html?id=${encodeURIComponent(o.id)}">${o.title}</a></h3>
    <p>${t('offer.kind.' + o.kind)} · ${offerLeft(o)} · ${placeText(o.area)}</p>
    <p class="hint">${o.organisation ? html`<span class="badge done">${t('org.badge')}</span> ${o.organisation.name}` : o.offererName}
      · ${t('offer.until', { date: o.until })}</p>
  </article>`;
}

/** Fills {@code box} with the offers that fit the need; the need's poster gets a propose button on each. */
export async function showMatches(box, need, canPropose) {
  render(box, html`<p class="hint" role="status">${t('state.loading')}</p>`);
  try {
    const q = new URLSearchParams({ category: need.category, covers: need.area.code, limit: '10' });
    const page = await api('/api/offers?' + q);
    render(box, html`<h3>${t('offer.matches')}</h3>
      ${page.items.length ? page.items.map((o) => html`<div class="match">${offerCard(o)}
        ${canPropose ? html`<button type="button" class="secondary propose" data-offer="${o.id}">${t('offer.propose')}</button>` : ''}</div>`)
        : html`<p class="hint">${t('offer.noMatches')}</p>`}
      <p class="hint" role="status" data-status></p>`);
    for (const b of box.querySelectorAll('button.propose')) {
      b.addEventListener('click', async () => {
        b.disabled = true;
        const status = box.querySelector('[data-status]');
        try {
          await api('/api/offers/' + encodeURIComponent(b.dataset.offer) + '/proposals', { method: 'POST', auth: true, body: { needId: need.id } });
          status.textContent = t('offer.proposed');
        } catch (err) {
          b.disabled = false;
          status.textContent = errorText(err);
        }
      });
    }
  } catch (err) {
    render(box, html`<p class="hint">${errorText(err)}</p>`);
  }
}

/** What the household received in the last 12 months; flagged when some was in this need's window. */
export function helpHistoryBlock(h) {
  return html`<div class="help-history${h.flagged ? ' flagged' : ''}">
    <h3>${t('help.heading', { months: h.months })}</h3>
    ${h.flagged ? html`<p class="notice bad" role="note">${t('help.flagged', { n: h.sameWindow })}</p>` : ''}
    ${h.items.length ? html`<ul>${h.items.map((r) => html`<li>${r.date} · ${t('cat.' + r.category)} · ${r.what} · ${r.from}
      <span class="hint">(${t('help.source.' + r.source)})</span></li>`)}</ul>` : html`<p class="hint">${t('help.none')}</p>`}
  </div>`;
}

