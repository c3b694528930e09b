// 供给与单位 (the supply desk): register an organisation of the alliance and see its members (members.js);
// publish an offer (for oneself or a verified organisation); answer the proposals made to one's
// offers (accepting is a claim); see the proposals one made as a poster; for an area admin, verify
// the organisations of the area and import help recorded outside the platform (CSV).
import { api } from './api.js';
import { hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { membersPanel, wireMembers } from './members.js';
import { offerLeft } from './supply-ui.js';
import { $, CATEGORIES, errorText, fieldText, html, render, showError, showLoading, signInLink, startPage, todayInChina } from './ui.js';

const KINDS = ['COMPANY', 'CHAMBER', 'ASSOCIATION', 'CHARITY', 'SCHOOL', 'OFFICE', 'OTHER'];
const OFFER_KINDS = ['GOODS', 'SERVICE', 'TRAINING', 'JOBS'];
/** The offers this page shows, by id: what an edit compares with and the version it sends. */
let offers = new Map();

startPage('supply', 'supply.title').then(load);

const field = (id, label, input) => html`<div class="field"><label for="${id}">${label}</label>${input}<p class="field-error" id="${id}-error"></p></div>`;
const text = (id, label, attrs = '') => field(id, label, html`<input id="${id}" ${html([attrs])}>`);

async function load() {
  const main = $('#main');
  if (!user()) {
    render(main, html`<h1>${t('supply.heading')}</h1><p>${t('supply.signInFirst')}</p><a class="button" href="${signInLink()}">${t('nav.signIn')}</a>`);
    return;
  }
  showLoading(main, 2);
  let me;
  try {
    me = await api('/api/me/supply', { auth: true });
  } catch (err) {
    if (err.status === 401) location.href = signInLink();
    else showError(main, err, load);
    return;
  }
  main.removeAttribute('aria-busy');
  const verified = me.organisations.filter((o) => o.verified);
  // A withdrawn offer is gone for good: it leaves this list as it leaves the public one.
  const shown = me.offers.filter((o) => o.state !== 'WITHDRAWN');
  offers = new Map(shown.map((o) => [o.id, o]));
  render(main, html`<h1>${t('supply.heading')}</h1>
    <div id="flash" aria-live="polite"></div>
    ${me.pendingOrganisations ? html`<section class="panel" aria-labelledby="verify-h"><h2 id="verify-h">${t('supply.verify')}</h2>
      ${me.pendingOrganisations.length ? me.pendingOrganisations.map(pendingItem) : html`<p class="state">${t('supply.verifyEmpty')}</p>`}</section>
      <section class="panel" aria-labelledby="import-h"><h2 id="import-h">${t('supply.import')}</h2>
        <p class="hint">${t('supply.importHint')}</p>
        <form id="import-form" novalidate>
          ${text('import-source', t('supply.importSource'), 'maxlength="40"')}
          ${field('import-file', t('supply.importFile'), html`<input id="import-file" type="file" accept=".csv,text/csv">`)}
          <button type="submit">${t('supply.importSend')}</button><div id="import-result" role="status"></div></form></section>` : ''}
    <section class="panel" aria-labelledby="orgs-h"><h2 id="orgs-h">${t('supply.orgs')}</h2>
      ${me.organisations.length ? me.organisations.map(orgItem) : html`<p class="state">${t('supply.noOrgs')}</p>`}
      ${hasRole('helper') ? html`<details><summary>${t('supply.register')}</summary>
        <form id="org-form" novalidate>
          ${text('org-name', t('supply.orgName'), 'maxlength="60"')}
          ${field('org-kind', t('supply.orgKind'), html`<select id="org-kind">${KINDS.map((k) => html`<option value="${k}">${t('org.kind.' + k)}</option>`)}</select>`)}
          ${text('org-area', t('supply.orgArea'), 'inputmode="numeric" maxlength="12"')}
          ${text('org-contact-name', t('supply.contactName'), 'maxlength="30"')}
          ${text('org-contact-phone', t('supply.contactPhone'), 'inputmode="tel" maxlength="13"')}
          <button type="submit">${t('supply.registerSend')}</button></form></details>` : html`<p class="hint">${t('supply.helpersOnly')}</p>`}
    </section>
    ${hasRole('helper') ? html`<section class="panel" aria-labelledby="offer-h"><h2 id="offer-h">${t('supply.publish')}</h2>
      <form id="offer-form" novalidate>
        ${field('offer-org', t('supply.offerFor'), html`<select id="offer-org"><option value="">${t('supply.offerForMe')}</option>
          ${verified.map((o) => html`<option value="${o.id}">${o.name}</option>`)}</select>`)}
        ${field('offer-kind', t('offer.kind'), html`<select id="offer-kind">${OFFER_KINDS.map((k) => html`<option value="${k}">${t('offer.kind.' + k)}</option>`)}</select>`)}
        ${field('offer-category', t('post.category'), html`<select id="offer-category">${CATEGORIES.map((c) => html`<option value="${c}">${t('cat.' + c)}</option>`)}</select>`)}
        ${text('offer-title', t('supply.offerTitle'), 'maxlength="60"')}
        ${field('offer-description', t('supply.offerDescription'), html`<textarea id="offer-description" maxlength="1000"></textarea>`)}
        ${text('offer-quantity', t('need.quantity'), 'inputmode="numeric"')}
        ${field('offer-capacity', t('offer.capacity'), html`<select id="offer-capacity">${['TOTAL', 'MONTHLY'].map((c) => html`<option value="${c}">${t('offer.capacity.' + c)}</option>`)}</select>`)}
        ${text('offer-unit', t('supply.offerUnit'), 'maxlength="10"')}
        ${text('offer-area', t('offer.area'), 'inputmode="numeric" maxlength="12"')}
        ${text('offer-until', t('offer.untilLabel'), 'type="date" min="' + todayInChina() + '"')}
        <button type="submit">${t('supply.publishSend')}</button></form></section>` : ''}
    <section class="panel" aria-labelledby="my-offers-h"><h2 id="my-offers-h">${t('supply.offers')}</h2>
      ${shown.length ? shown.map(offerItem) : html`<p class="state">${t('supply.noOffers')}</p>`}</section>
    ${me.proposals.length ? html`<section class="panel" aria-labelledby="props-h"><h2 id="props-h">${t('supply.proposals')}</h2>
      ${me.proposals.map((p) => html`<p>${p.needTitle} · ${t('proposal.state.' + p.state)}${p.reason ? html` · ${p.reason}` : ''}</p>`)}</section>` : ''}`);
  wire();
}

function orgItem(o) {
  return html`<article class="item" data-org="${o.id}"><h3>${o.name} ${o.verified ? html`<span class="badge done">${t('org.badge')}</span>` : html`<span class="badge wait">${t('org.state.' + o.state)}</span>`}</h3>
    <p>${t('org.kind.' + o.kind)} · ${o.area.names.join(' ')}${o.rejectReason ? html` · ${o.rejectReason}` : ''}</p>
    ${membersPanel(o)}</article>`;
}

function pendingItem(o) {
  return html`<article class="item" data-org="${o.id}"><h3>${o.name}</h3>
    <p>${t('org.kind.' + o.kind)} · ${o.area.names.join(' ')} · ${o.contact.name} <a href="tel:${o.contact.phone}">${o.contact.phone}</a></p>
    <div class="field"><label for="why-${o.id}">${t('review.reason')}</label><input id="why-${o.id}" class="why" maxlength="200"></div>
    <div class="actions"><button type="button" class="approve-org" data-org="${o.id}">${t('supply.approve')}</button>
      <button type="button" class="secondary reject-org" data-org="${o.id}">${t('review.reject')}</button></div></article>`;
}

function offerItem(o) {
  return html`<article class="item" data-offer="${o.id}"><h3><a href="/offer.html?id=${encodeURIComponent(o.id)}">${o.title}</a>
      <span class="badge ${o.state === 'OPEN' ? 'open' : 'bad'}">${t('offer.state.' + o.state)}</span></h3>
    <p>${offerLeft(o)}${o.organisation ? html` · ${o.organisation.name}` : ''}</p>
    <div class="actions"><button type="button" class="secondary edit-offer" data-offer="${o.id}" aria-expanded="false" aria-controls="edit-${o.id}">${t('offerEdit.edit')}</button>
      <button type="button" class="secondary withdraw-offer" data-offer="${o.id}">${t('offerEdit.withdraw')}</button></div>
    ${editForm(o)}
    ${o.proposals.map((p) => html`<div class="proposal"><p><a href="/need.html?id=${encodeURIComponent(p.needId)}">${p.needTitle}</a>
      · ${p.quantity} ${o.unit} · ${p.proposerName} · ${t('proposal.state.' + p.state)}</p>
      ${p.state === 'PROPOSED' ? html`<div class="actions"><button type="button" class="accept" data-offer="${o.id}" data-p="${p.id}">${t('supply.accept')}</button>
        <button type="button" class="secondary decline" data-offer="${o.id}" data-p="${p.id}">${t('supply.decline')}</button></div>` : ''}</div>`)}
  </article>`;
}

/** The offer's own edit form, prefilled; hidden until the edit button. The window and area are fixed once anything is committed. */
function editForm(o) {
  const f = (name) => 'e-' + name + '-' + o.id;
  const fixed = o.quantity > o.remaining;
  return html`<form class="edit-offer-form" id="edit-${o.id}" data-offer="${o.id}" hidden novalidate>
    ${field(f('title'), t('supply.offerTitle'), html`<input id="${f('title')}" name="title" maxlength="60" value="${o.title}">`)}
    ${field(f('description'), t('supply.offerDescription'), html`<textarea id="${f('description')}" name="description" maxlength="1000">${o.description}</textarea>`)}
    ${field(f('kind'), t('offer.kind'), html`<select id="${f('kind')}" name="kind">${OFFER_KINDS.map((k) => html`<option value="${k}" ${html([k === o.kind ? 'selected' : ''])}>${t('offer.kind.' + k)}</option>`)}</select>`)}
    ${field(f('quantity'), t(o.capacity === 'MONTHLY' ? 'offerEdit.quantityMonthly' : 'need.quantity'), html`<input id="${f('quantity')}" name="quantity" inputmode="numeric" value="${o.quantity}">`)}
    ${field(f('unit'), t('supply.offerUnit'), html`<input id="${f('unit')}" name="unit" maxlength="10" value="${o.unit}">`)}
    ${field(f('until'), t('offer.untilLabel'), html`<input id="${f('until')}" name="until" type="date" min="${todayInChina()}" value="${o.until}">`)}
    ${fixed ? html`<p class="hint">${t('offerEdit.fixed')}</p>` : html`
      ${field(f('category'), t('post.category'), html`<select id="${f('category')}" name="category">${CATEGORIES.map((c) => html`<option value="${c}" ${html([c === o.category ? 'selected' : ''])}>${t('cat.' + c)}</option>`)}</select>`)}
      ${field(f('areaCode'), t('offer.area'), html`<input id="${f('areaCode')}" name="areaCode" inputmode="numeric" maxlength="12" value="${o.area.code}">`)}`}
    <div class="actions"><button type="submit">${t('offerEdit.save')}</button>
      <button type="button" class="secondary cancel-edit">${t('offerEdit.cancel')}</button></div>
    <div class="edit-status" role="status"></div></form>`;
}

/** Words for a refused edit: the server's reason, with what to do about it. */
function editRefusal(err, o) {
  const code = err.status === 409 ? err.body.code : null;
  if (code === 'offer_changed') return t('offerEdit.changed');
  if (code === 'below_committed') return t('offerEdit.belowCommitted', { n: o.quantity - o.remaining, unit: o.unit });
  if (err.status === 400 && err.body.fields) return err.body.fields.map((x) => x.field + ': ' + fieldText(x)).join('; ');
  return errorText(err);
}


function flash(ok, message) {
  render($('#flash'), html`<p class="notice ${ok ? 'ok' : 'bad'}" role="${ok ? 'status' : 'alert'}">${message}</p>`);
  $('#flash').scrollIntoView({ block: 'nearest' });
}

async function send(path, body, okText) {
  try {
    await api(path, { method: 'POST', auth: true, body });
    await load();
    flash(true, okText);
  } catch (err) {
    flash(false, err.status === 400 && err.body.fields ? err.body.fields.map((f) => f.field + ': ' + f.message).join('; ') : errorText(err));
  }
}

const val = (id) => $('#' + id)?.value.trim() || undefined;

function wire() {
  $('#org-form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    send('/api/organisations', { name: val('org-name'), kind: val('org-kind'), areaCode: val('org-area'),
      contact: { name: val('org-contact-name'), phone: val('org-contact-phone') } }, t('supply.registered'));
  });
  $('#offer-form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = Number(val('offer-quantity'));
    send('/api/offers', { organisationId: val('offer-org'), kind: val('offer-kind'), category: val('offer-category'), title: val('offer-title'),
      description: val('offer-description'), quantity: Number.isInteger(q) && val('offer-quantity') ? q : undefined, capacity: val('offer-capacity'), unit: val('offer-unit'),
      areaCode: val('offer-area'), until: val('offer-until') }, t('supply.published'));
  });
  wireMembers(load, flash);
  for (const b of document.querySelectorAll('button.approve-org, button.reject-org')) {
    b.addEventListener('click', () => {
      const approve = b.classList.contains('approve-org');
      const reason = $('#why-' + b.dataset.org).value.trim();
      send('/api/organisations/' + b.dataset.org + '/decision', { decision: approve ? 'approve' : 'reject', reason: reason || undefined },
        approve ? t('supply.verified') : t('supply.rejected'));
    });
  }
  for (const b of document.querySelectorAll('button.edit-offer')) {
    b.addEventListener('click', () => {
      const form = $('#edit-' + b.dataset.offer);
      form.hidden = !form.hidden;
      b.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) form.querySelector('input').focus();
    });
  }
  for (const form of document.querySelectorAll('form.edit-offer-form')) {
    form.querySelector('.cancel-edit').addEventListener('click', () => {
      form.hidden = true;
      document.querySelector('button.edit-offer[data-offer="' + form.dataset.offer + '"]').setAttribute('aria-expanded', 'false');
    });
    form.addEventListener('submit', (e) => editOffer(e, form));
  }
  for (const b of document.querySelectorAll('button.withdraw-offer')) {
    b.addEventListener('click', async () => {
      const reason = prompt(t('offerEdit.withdrawAsk'), '');
      if (reason === null) return; // cancelled: nothing happens
      try {
        await api('/api/offers/' + encodeURIComponent(b.dataset.offer), { method: 'DELETE', auth: true, body: reason.trim() ? { reason: reason.trim() } : {} });
        await load();
        flash(true, t('offerEdit.withdrawn'));
      } catch (err) {
        flash(false, errorText(err));
      }
    });
  }
  for (const b of document.querySelectorAll('button.accept, button.decline')) {
    b.addEventListener('click', () => {
      const accept = b.classList.contains('accept');
      const reason = accept ? undefined : prompt(t('supply.declineWhy')) || '';
      send('/api/offers/' + b.dataset.offer + '/proposals/' + b.dataset.p + '/answer', { decision: accept ? 'accept' : 'decline', reason },
        accept ? t('supply.accepted') : t('supply.declined'));
    });
  }
  $('#import-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('#import-file').files[0];
    const out = $('#import-result');
    if (!file) { out.textContent = t('supply.importChoose'); return; }
    try {
      const r = await api('/api/help-imports', { method: 'POST', auth: true, body: { source: val('import-source'), csv: await file.text() } });
      render(out, html`<p class="notice ok">${t('supply.imported', { n: r.rows })}</p>`);
    } catch (err) {
      render(out, err.status === 400 && err.body.fields
        ? html`<div class="notice bad" role="alert"><p>${t('supply.importRefused')}</p><ul>${err.body.fields.map((f) => html`<li>${f.field}: ${f.message}</li>`)}</ul></div>`
        : html`<p class="notice bad" role="alert">${errorText(err)}</p>`);
    }
  });
}

/** Sends only what changed, with the version this page read; a refusal stays in the form, in plain words. */
async function editOffer(e, form) {
  e.preventDefault();
  const o = offers.get(form.dataset.offer);
  const status = form.querySelector('.edit-status');
  const body = { version: o.version };
  const before = { title: o.title, description: o.description, kind: o.kind, quantity: String(o.quantity), unit: o.unit, until: o.until,
    category: o.category, areaCode: o.area.code };
  for (const el of form.querySelectorAll('[name]')) {
    const v = el.value.trim();
    if (v === before[el.name]) continue;
    body[el.name] = el.name === 'quantity' ? (/^\d+$/.test(v) ? Number(v) : v) : v;
  }
  if (Object.keys(body).length === 1) { render(status, html`<p class="notice">${t('offerEdit.nothing')}</p>`); return; }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await api('/api/offers/' + encodeURIComponent(o.id), { method: 'PATCH', auth: true, body });
    await load();
    flash(true, t('offerEdit.saved'));
  } catch (err) {
    button.disabled = false;
    const stale = err.status === 409 && err.body.code === 'offer_changed';
    render(status, html`<div class="notice bad" role="alert"><p>${editRefusal(err, o)}</p>
      ${stale ? html`<button type="button" class="secondary reload">${t('offerEdit.reload')}</button>` : ''}</div>`);
    status.querySelector('button.reload')?.addEventListener('click', load);
  }
}
