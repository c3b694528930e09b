// 人员管理, for area admins: appoint a phone number as poster, council member, volunteer or admin of
// an area in theirs (an admin only below their own level), dismiss, take an abusive helper off (by the
// helper id shown on their claims), and read who changed what.
// The server decides every rule (core/Appointments); this page only offers what it may accept.
import { api } from './api.js';
import { areaPicker, loadAreas, pathOf } from './areas.js';
import { hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { $, errorText, html, render, showError, showLoading, signInLink, startPage } from './ui.js';

const ROLES = ['poster', 'council', 'volunteer', 'admin'];
const placeOf = (code) => pathOf(code).slice(2).map((a) => a.name).join(' ') || code;

startPage('people', 'people.title').then(start);

async function start() {
  const main = $('#main');
  if (!user()) {
    render(main, html`<h1>${t('people.heading')}</h1><p>${t('people.signInFirst')}</p><a class="button" href="${signInLink()}">${t('nav.signIn')}</a>`);
    return;
  }
  if (!hasRole('admin')) {
    render(main, html`<h1>${t('people.heading')}</h1><p>${t('people.adminsOnly')}</p>`);
    return;
  }
  await loadAreas().catch(() => null);
  const own = user().roles?.find((r) => r.role === 'admin')?.area || user().area;
  render(main, html`<h1>${t('people.heading')}</h1><p class="lead">${t('people.lead', { area: placeOf(own) })}</p>
    <section aria-labelledby="appoint-title" class="card">
      <h2 id="appoint-title">${t('people.appoint')}</h2>
      <form id="appoint" novalidate>
        <label for="p-phone">${t('people.phone')}</label>
        <input id="p-phone" type="tel" inputmode="tel" maxlength="20" required>
        <label for="p-name">${t('people.name')}</label>
        <input id="p-name" maxlength="40" required>
        <label for="p-role">${t('people.role')}</label>
        <select id="p-role">${ROLES.map((r) => html`<option value="${r}">${t('role.' + r)}</option>`)}</select>
        <p class="hint">${t('people.adminBelow')}</p>
        <fieldset><legend>${t('people.area')}</legend><div id="p-area" class="area-picker"></div></fieldset>
        <button type="submit" id="p-submit">${t('people.submit')}</button>
        <p id="p-msg" class="field-error" role="alert"></p>
        <p id="p-ok" role="status"></p>
      </form>
    </section>
    <section aria-labelledby="helper-title" class="card">
      <h2 id="helper-title">${t('people.removeHelper')}</h2>
      <p class="hint">${t('people.removeHelperHint')}</p>
      <form id="remove-helper" novalidate>
        <label for="h-id">${t('people.helperId')}</label>
        <input id="h-id" maxlength="60" required autocomplete="off">
        <button type="submit" id="h-submit" class="secondary">${t('people.removeHelperSubmit')}</button>
        <p id="h-msg" class="field-error" role="alert"></p>
        <p id="h-ok" role="status"></p>
      </form>
    </section>
    <section aria-labelledby="list-title">
      <h2 id="list-title">${t('people.list')}</h2>
      <div id="filter" class="area-picker"></div>
      <div id="list" aria-live="polite"></div>
    </section>
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">${t('people.changes')}</h2>
      <div id="changes"></div>
    </section>`);
  const where = areaPicker($('#p-area'), { within: own, value: own, idPrefix: 'p-area' });
  const filter = areaPicker($('#filter'), { within: own, value: own, idPrefix: 'f-area', onChange: () => list(filter.value() || own) });
  $('#appoint').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#p-msg').textContent = '';
    $('#p-ok').textContent = '';
    const body = { phone: $('#p-phone').value.trim(), name: $('#p-name').value.trim(), role: $('#p-role').value, area: where.value() || own };
    $('#p-submit').disabled = true;
    try {
      const p = await api('/api/people', { method: 'POST', auth: true, body });
      $('#p-ok').textContent = t('people.appointed', { name: p.name, role: t('role.' + body.role), area: placeOf(body.area) });
      $('#appoint').reset();
      list(filter.value() || own);
    } catch (err) {
      $('#p-msg').textContent = err.body?.fields?.map((f) => f.message).join(' · ') || errorText(err);
    } finally {
      $('#p-submit').disabled = false;
    }
  });
  $('#remove-helper').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#h-msg').textContent = '';
    $('#h-ok').textContent = '';
    const id = $('#h-id').value.trim();
    if (!id || !confirm(t('people.removeHelperConfirm'))) return;
    $('#h-submit').disabled = true;
    try {
      const p = await api(`/api/people/${encodeURIComponent(id)}/roles/helper`, { method: 'DELETE', auth: true });
      $('#h-ok').textContent = t('people.helperRemoved', { name: p.name, released: p.releasedClaims, elsewhere: p.openClaimsElsewhere });
      $('#remove-helper').reset();
      list(filter.value() || own);
    } catch (err) {
      $('#h-msg').textContent = errorText(err);
    } finally {
      $('#h-submit').disabled = false;
    }
  });
  list(own);
}

async function list(area) {
  const box = $('#list');
  showLoading(box, 2);
  let page;
  try {
    page = await api('/api/people?area=' + encodeURIComponent(area), { auth: true });
  } catch (err) {
    showError(box, err, () => list(area));
    return;
  }
  render(box, page.people.length ? html`<table class="people"><thead><tr><th scope="col">${t('people.name')}</th>
      <th scope="col">${t('people.phone')}</th><th scope="col">${t('people.roles')}</th></tr></thead><tbody>
    ${page.people.map((p) => html`<tr><td>${p.name}</td><td>${p.phone || ''}</td><td>${p.roles.map((r) => html`<div class="grant">
      ${t('role.' + r.role)} · ${placeOf(r.area?.code || '')}
      <button type="button" class="secondary small" data-id="${p.id}" data-role="${r.role}"
        aria-label="${t('people.dismissLabel', { name: p.name, role: t('role.' + r.role) })}">${t('people.dismiss')}</button></div>`)}</td></tr>`)}
    </tbody></table>` : html`<p class="empty">${t('people.empty')}</p>`);
  for (const b of box.querySelectorAll('button[data-id]')) {
    b.addEventListener('click', async () => {
      if (!confirm(t('people.dismissConfirm'))) return;
      b.disabled = true;
      try {
        await api(`/api/people/${encodeURIComponent(b.dataset.id)}/roles/${encodeURIComponent(b.dataset.role)}`, { method: 'DELETE', auth: true });
        list(area);
      } catch (err) {
        b.disabled = false;
        alert(errorText(err));
      }
    });
  }
  render($('#changes'), page.changes.length ? html`<ul class="changes">${page.changes.map((c) => html`<li>
    <time datetime="${c.at}">${new Date(c.at).toLocaleString()}</time> ·
    ${t('people.action.' + c.action)} · ${t('role.' + c.role)} · ${placeOf(c.areaCode || '')} · ${c.personId} (${t('people.by', { who: c.actorId })})</li>`)}</ul>`
    : html`<p class="empty">${t('people.noChanges')}</p>`);
}
