// An organisation's members on the supply page: name, masked phone, role. Its manager adds a colleague
// by the phone they sign in with, takes a member off (asked once) or hands the organisation over
// (PATCH role MANAGER); a plain member can leave. On a patchy line every button is disabled while its
// request is out (one tap, one request), and a retry of the same add reuses its Idempotency-Key.
import { api, newKey } from './api.js';
import { user } from './auth.js';
import { t } from './i18n.js';
import { errorText, fieldText, html, render } from './ui.js';

const base = (org) => '/api/organisations/' + encodeURIComponent(org) + '/members';

/** The members panel of one organisation (o from GET /api/me/supply). */
export function membersPanel(o) {
  const me = user()?.sub;
  const manager = o.myRole === 'MANAGER';
  const row = (m) => {
    const self = m.personId === me;
    const actions = manager && !self && m.role !== 'MANAGER'
      ? html`<span class="actions"><button type="button" class="secondary remove-member" data-person="${m.personId}" data-name="${m.name}">${t('members.remove')}</button>
          <button type="button" class="secondary make-manager" data-person="${m.personId}" data-name="${m.name}">${t('members.makeManager')}</button></span>`
      : '';
    return html`<li class="member" data-person="${m.personId}"><span class="m-who">${m.name}${self ? html` <span class="hint">${t('members.me')}</span>` : ''}</span>
      <span class="m-phone">${m.maskedPhone || t('members.noPhone')}</span>
      <span class="badge ${m.role === 'MANAGER' ? 'done' : 'open'}">${t('members.role.' + m.role)}</span>${actions}</li>`;
  };
  return html`<section class="members" data-org="${o.id}" aria-labelledby="members-h-${o.id}">
    <h4 id="members-h-${o.id}">${t('members.heading', { n: o.members.length })}</h4>
    <ul class="member-list">${[...o.members].sort((a, b) => (b.role === 'MANAGER') - (a.role === 'MANAGER')).map(row)}</ul>
    ${manager ? html`<form class="member-form" data-org="${o.id}" novalidate>
      <div class="field"><label for="m-phone-${o.id}">${t('members.phone')}</label>
        <input id="m-phone-${o.id}" name="phone" type="tel" inputmode="tel" autocomplete="off" maxlength="20" aria-describedby="m-phone-${o.id}-hint">
        <p class="hint" id="m-phone-${o.id}-hint">${t('members.phoneHint')}</p><p class="field-error" data-for="phone"></p></div>
      <div class="field"><label for="m-name-${o.id}">${t('members.name')}</label>
        <input id="m-name-${o.id}" name="name" maxlength="40" autocomplete="off"><p class="field-error" data-for="name"></p></div>
      <button type="submit">${t('members.add')}</button></form>` : ''}
    ${!manager && o.myRole ? html`<div class="actions"><button type="button" class="secondary leave-org" data-org="${o.id}">${t('members.leave')}</button></div>` : ''}
    <div class="members-status" role="status" aria-live="polite"></div></section>`;
}

/** What a refusal means to the person who tapped, in plain words (by status and the server's code). */
function refusal(err, what) {
  const b = err.body || {};
  if (err.status === 403) return t('members.err.forbidden.' + what);
  if (err.status === 404 && b.code === 'phone_not_registered') return t('members.err.unknownPhone');
  if (err.status === 404) return t(what === 'add' ? 'members.err.noOrg' : 'members.err.notMember');
  if (err.status === 409 && b.code === 'already_member') return t('members.err.already');
  if (err.status === 409 && b.code === 'last_manager') return t('members.err.lastManager');
  if (err.status === 409 && b.code === 'already_manager') return t('members.err.alreadyManager');
  if (err.status === 409 && b.error !== 'in_progress') return t('members.err.changed');
  if (err.status === 400 && Array.isArray(b.fields)) return t('members.err.invalid');
  return errorText(err);
}

/** A hand-over the server does not offer (the route is not deployed): API Gateway's own 404/405, without our error body. */
const noHandOver = (err) => err.status === 405 || (err.status === 404 && !err.body?.error);

/**
 * Wires every members panel on the page. reload(): reads the page again; flash(ok, text): the page's notice.
 * A panel's buttons are all off while one of its requests is out.
 */
export function wireMembers(reload, flash) {
  for (const panel of document.querySelectorAll('section.members')) {
    const org = panel.dataset.org;
    const status = panel.querySelector('.members-status');
    const buttons = () => panel.querySelectorAll('button');
    const say = (text) => render(status, html`<p class="notice bad" role="alert">${text}</p>`);
    let busy = false;
    async function run(call, okText, what, after) {
      if (busy) return;
      busy = true;
      for (const b of buttons()) b.disabled = true;
      render(status, html`<p class="hint">${t('members.sending')}</p>`);
      try {
        await call();
      } catch (err) {
        busy = false;
        for (const b of buttons()) b.disabled = false;
        if (after && after(err)) return;
        say(refusal(err, what));
        return;
      }
      await reload();
      flash(true, okText);
    }

    const form = panel.querySelector('form.member-form');
    if (form) {
      let sent = null; // {json, key}: the same add retried (after a timeout) is the same request
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
        const body = { phone: form.elements.phone.value.trim(), name: form.elements.name.value.trim() };
        const missing = Object.keys(body).filter((k) => !body[k]);
        for (const k of missing) form.querySelector('[data-for=' + k + ']').textContent = t('members.required.' + k);
        if (missing.length) { form.elements[missing[0]].focus(); return; }
        const json = JSON.stringify(body);
        if (!sent || sent.json !== json) sent = { json, key: newKey() };
        run(() => api(base(org), { method: 'POST', auth: true, body, key: sent.key }),
          t('members.added', { name: body.name }), 'add', (err) => {
            if (err.status && err.status < 500) sent = null; // answered: a new try is a new request
            if (err.status !== 400 || !Array.isArray(err.body.fields)) return false;
            for (const f of err.body.fields) {
              const p = form.querySelector('[data-for=' + (f.field === 'personId' ? 'phone' : f.field) + ']');
              if (p) p.textContent = f.field === 'phone' ? t('members.badPhone') : fieldText(f);
            }
            say(t('members.err.invalid'));
            return true;
          });
      });
    }
    for (const b of panel.querySelectorAll('button.remove-member')) {
      b.addEventListener('click', () => {
        if (busy || !confirm(t('members.removeAsk', { name: b.dataset.name }))) return;
        run(() => api(base(org) + '/' + encodeURIComponent(b.dataset.person), { method: 'DELETE', auth: true }),
          t('members.removed', { name: b.dataset.name }), 'remove');
      });
    }
    for (const b of panel.querySelectorAll('button.make-manager')) {
      b.addEventListener('click', () => {
        if (busy || !confirm(t('members.makeManagerAsk', { name: b.dataset.name }))) return;
        run(() => api(base(org) + '/' + encodeURIComponent(b.dataset.person), { method: 'PATCH', auth: true, body: { role: 'MANAGER' } }),
          t('members.handedOver', { name: b.dataset.name }), 'handOver', (err) => {
            if (!noHandOver(err)) return false;
            for (const x of document.querySelectorAll('button.make-manager')) x.remove(); // not deployed: no button that cannot work
            say(t('members.handOverMissing'));
            return true;
          });
      });
    }
    const leave = panel.querySelector('button.leave-org');
    leave?.addEventListener('click', () => {
      if (busy || !confirm(t('members.leaveAsk'))) return;
      run(() => api(base(org) + '/' + encodeURIComponent(user().sub), { method: 'DELETE', auth: true }), t('members.left'), 'leave');
    });
  }
}
