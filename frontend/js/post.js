// The poster's form: the seven elements of a need (category, what, how much, value, deadline,
// where, the household) and a contact. Checked here by the server's own rules (rules.js) before
// sending; whatever the server still refuses comes back as 400 `fields` and is shown at its input
// and beside the submit button. ?edit=<id>: the poster corrects a pending or rejected need (PUT).
// On a patchy line the form keeps a draft on the device (restored on the next visit) and the
// posting's Idempotency-Key with it, so sending again after a lost answer is the same posting.
import { api, newKey } from './api.js';
import { areaPicker, loadAreas, area } from './areas.js';
import { hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { fillPhotos } from './photos.js';
import { showMatches } from './supply-ui.js';
import { MAX_DAYS_AHEAD, MAX_QUANTITY, MAX_VALUE_YUAN, addDays, problems, toBody } from './rules.js';
import { $, CATEGORIES, errorText, fieldText, html, num, render, signInLink, startPage, todayInChina } from './ui.js';

// Server field name → the input that shows its error.
const INPUTS = {
  category: 'f-category', title: 'f-title', description: 'f-description', quantity: 'f-quantity', unit: 'f-unit',
  valueYuan: 'f-valueYuan', deadline: 'f-deadline', areaCode: 'area-village',
  'household.name': 'f-household-name', 'household.idNumber': 'f-household-idNumber', 'household.phone': 'f-household-phone',
  'household.address': 'f-household-address', 'contact.name': 'f-contact-name', 'contact.phone': 'f-contact-phone',
};
let picker;
const editId = new URLSearchParams(location.search).get('edit');
let editing = null; // the need being corrected, as GET /api/me/needs/{id} gave it

startPage('post', 'post.title').then(start);

// ---- the draft on this device ---------------------------------------------------------------
const draftKey = () => 'draft:' + (editId ? 'edit:' + editId : 'post') + ':' + (user()?.sub || '');
function loadDraft() {
  try { return JSON.parse(localStorage.getItem(draftKey()) || 'null'); } catch (e) { return null; }
}
function saveDraft(extra = {}) {
  try {
    const old = loadDraft() || {};
    localStorage.setItem(draftKey(), JSON.stringify({ ...old, values: draft(), savedAt: new Date().toISOString(), ...extra }));
  } catch (e) { /* storage full or blocked: the form still works */ }
}
function clearDraft() {
  try { localStorage.removeItem(draftKey()); } catch (e) { /* ignore */ }
}

async function start() {
  const main = $('#main');
  if (!user()) {
    render(main, html`<h1>${t('post.heading')}</h1><p>${t('post.signInFirst')}</p><a class="button" href="${signInLink()}">${t('nav.signIn')}</a>`);
    return;
  }
  if (!hasRole('poster')) {
    render(main, html`<h1>${t('post.heading')}</h1><p class="notice">${t('post.postersOnly')}</p>`);
    return;
  }
  try {
    await loadAreas();
    if (editId) editing = await api('/api/me/needs/' + encodeURIComponent(editId), { auth: true });
  } catch (err) {
    if (err.status === 404) {
      render(main, html`<h1>${t('post.editHeading')}</h1><p class="notice bad">${t('need.notFound')}</p>`);
      return;
    }
    render(main, html`<h1>${t('post.heading')}</h1><div class="state error" role="alert"><p>${errorText(err)}</p><button type="button" id="retry">${t('state.retry')}</button></div>`);
    $('#retry').addEventListener('click', start);
    return;
  }
  if (editing && editing.state !== 'PENDING_REVIEW' && editing.state !== 'REJECTED') {
    render(main, html`<h1>${t('post.editHeading')}</h1><p class="notice">${t('post.notEditable', { state: t('state.' + editing.state) })}</p>
      <p><a href="/need.html?id=${encodeURIComponent(editing.id)}">${editing.title}</a></p>`);
    return;
  }
  drawForm();
  const saved = loadDraft();
  if (saved?.values) {
    fill(saved.values);
    render($('#draft-note'), html`<div class="notice" role="status"><p>${t('post.draftRestored', { time: new Date(saved.savedAt).toLocaleString() })}</p>
      <button type="button" class="secondary" id="discard">${t('post.draftDiscard')}</button></div>`);
    $('#discard').addEventListener('click', () => { clearDraft(); location.reload(); });
  } else if (editing) {
    fill(fromNeed(editing));
  }
  warnPublicText();
}

/** The form's values from a need as the API shows it to its poster. */
function fromNeed(n) {
  const h = n.household || {};
  return {
    category: n.category, title: n.title, description: n.description, quantity: String(n.quantity), unit: n.unit,
    valueYuan: n.valueYuan == null ? '' : String(n.valueYuan), deadline: n.deadline, areaCode: n.area.code,
    household: { name: h.name, idNumber: h.idNumber, phone: h.phone, address: h.address },
    contact: { name: n.contact?.name, phone: n.contact?.phone },
  };
}

function fill(v) {
  const set = (id, x) => { if (x != null) $('#' + id).value = x; };
  set('f-category', v.category); set('f-title', v.title); set('f-description', v.description); set('f-quantity', v.quantity);
  set('f-unit', v.unit); set('f-valueYuan', v.valueYuan); set('f-deadline', v.deadline);
  const h = v.household || {};
  set('f-household-name', h.name); set('f-household-idNumber', h.idNumber); set('f-household-phone', h.phone); set('f-household-address', h.address);
  const c = v.contact || {};
  set('f-contact-name', c.name); set('f-contact-phone', c.phone);
  if (v.areaCode) {
    picker = areaPicker($('#area-picker'), { within: user().area, value: v.areaCode });
    $('#area-village').setAttribute('aria-describedby', 'area-village-error');
  }
}

// The public title and description must not name the family: the household's name, or its
// surname with a form of address ("王大爷"), is a warning (the public pages show 王**); an ID or
// phone number is refused (rules.js, as on the server). The forms of address are in the language files.
function warnPublicText() {
  const forms = t('post.addressForms').split(',');
  const name = ($('#f-household-name').value || '').trim();
  for (const id of ['f-title', 'f-description']) {
    const text = $('#' + id).value || '';
    const surname = [...name][0];
    const hit = name.length >= 2 && text.includes(name) ? name
      : surname && forms.map((f) => surname + f).find((w) => text.includes(w));
    render($('#' + id + '-warn'), hit ? html`<span class="warn">${t('post.nameWarning', { word: hit, masked: surname + '**' })}</span>` : '');
  }
}

const field = (name, label, input, hint) => html`<div class="field">
  <label for="${INPUTS[name]}">${label}</label>${input}
  ${hint ? html`<p class="hint" id="${INPUTS[name]}-hint">${hint}</p>` : ''}
  ${name === 'title' || name === 'description' ? html`<p class="hint" id="${INPUTS[name]}-warn" aria-live="polite"></p>` : ''}
  <p class="field-error" id="${INPUTS[name]}-error" aria-live="polite"></p></div>`;
const described = (name, hint) => html` aria-describedby="${hint ? INPUTS[name] + '-hint ' : ''}${INPUTS[name]}-error"`;

function drawForm() {
  const today = todayInChina();
  const me = user();
  const contactName = (me.name || '').replace(/（.*）|\(.*\)/g, '').trim();
  render($('#main'), html`
    <h1>${editing ? t(editing.state === 'REJECTED' ? 'post.resubmitHeading' : 'post.editHeading') : t('post.heading')}</h1>
    <p class="lead">${editing ? t('post.editLead') : t('post.lead')}</p>
    ${editing?.rejectReason ? html`<p class="notice bad">${t('mine.rejectReason')}${t('punct.colon')}${editing.rejectReason}</p>` : ''}
    <div id="draft-note"></div>
    <div id="summary" tabindex="-1"></div>
    <form id="need-form" novalidate>
      <fieldset><legend>${t('post.what')}</legend>
        ${field('category', t('post.category'), html`<select id="f-category"${described('category')}>
          <option value="">${t('post.choose')}</option>
          ${CATEGORIES.map((c) => html`<option value="${c}">${t('cat.' + c)}</option>`)}</select>`)}
        ${field('title', t('post.titleLabel'), html`<input id="f-title" maxlength="60" autocomplete="off"${described('title', 1)}>`, t('post.titleHint'))}
        ${field('description', t('post.description'), html`<textarea id="f-description" maxlength="1000"${described('description', 1)}></textarea>`, t('post.descriptionHint'))}
        <div class="grid2">
          ${field('quantity', t('post.quantity'), html`<input id="f-quantity" type="number" inputmode="numeric" min="1" max="${MAX_QUANTITY}" step="1" value="1"${described('quantity', 1)}>`, t('post.quantityHint', { max: num(MAX_QUANTITY) }))}
          ${field('unit', t('post.unit'), html`<input id="f-unit" maxlength="10" placeholder="${t('post.unitPlaceholder')}"${described('unit', 1)}>`, t('post.unitHint'))}
          ${field('valueYuan', t('post.value'), html`<input id="f-valueYuan" type="number" inputmode="numeric" min="0" max="${MAX_VALUE_YUAN}" step="1"${described('valueYuan', 1)}>`, t('post.valueHint'))}
          ${field('deadline', t('post.deadline'), html`<input id="f-deadline" type="date" min="${today}" max="${addDays(today, MAX_DAYS_AHEAD)}" value="${addDays(today, 30)}"${described('deadline', 1)}>`, t('post.deadlineHint'))}
        </div>
      </fieldset>
      <fieldset><legend>${t('post.where')}</legend>
        <div class="area-selects" id="area-picker"></div>
        <p class="field-error" id="area-village-error" aria-live="polite"></p>
      </fieldset>
      <fieldset><legend>${t('post.household')}</legend>
        <p class="hint">${t('post.householdHint')}</p>
        <div class="grid2">
          ${field('household.name', t('household.name'), html`<input id="f-household-name" maxlength="30" autocomplete="off"${described('household.name')}>`)}
          ${field('household.idNumber', t('household.idNumber'), html`<input id="f-household-idNumber" maxlength="18" autocomplete="off" inputmode="text"${described('household.idNumber', 1)}>`, t(editing ? 'post.idKeptHint' : 'post.idHint'))}
          ${field('household.phone', t('household.phone'), html`<input id="f-household-phone" type="tel" maxlength="20" autocomplete="off"${described('household.phone', 1)}>`, t('post.phoneHint'))}
          ${field('household.address', t('household.address'), html`<input id="f-household-address" maxlength="120" autocomplete="off"${described('household.address')}>`)}
        </div>
      </fieldset>
      <fieldset><legend>${t('contact.heading')}</legend>
        <div class="grid2">
          ${field('contact.name', t('contact.name'), html`<input id="f-contact-name" maxlength="30" value="${contactName}"${described('contact.name')}>`)}
          ${field('contact.phone', t('contact.phone'), html`<input id="f-contact-phone" type="tel" maxlength="20"${described('contact.phone', 1)}>`, t('post.phoneHint'))}
        </div>
      </fieldset>
      <button type="submit" id="submit">${editing ? t('post.resubmit') : t('post.submit')}</button>
      <div id="form-status" aria-live="polite"></div>
    </form>`);
  picker = areaPicker($('#area-picker'), { within: me.area, value: me.area });
  $('#area-village').setAttribute('aria-describedby', 'area-village-error');
  $('#need-form').addEventListener('submit', submit);
  let timer;
  $('#need-form').addEventListener('input', () => {
    warnPublicText();
    clearTimeout(timer);
    timer = setTimeout(() => saveDraft(), 400); // on every pause in typing: a dropped line or a closed tab loses nothing
  });
  $('#need-form').addEventListener('change', () => saveDraft());
  // Re-check a field when it is left, once the person has tried to send.
  $('#need-form').addEventListener('focusout', () => { if (submitted) showProblems(check(), false); });
}

let submitted = false;
const val = (id) => $('#' + id).value;
const orNull = (v) => (v === '' ? null : v);

function draft() {
  return {
    category: orNull(val('f-category')),
    title: orNull(val('f-title')),
    description: orNull(val('f-description')),
    quantity: val('f-quantity'),
    unit: orNull(val('f-unit')),
    valueYuan: val('f-valueYuan'),
    deadline: orNull(val('f-deadline')),
    areaCode: orNull(picker.value()),
    household: {
      name: orNull(val('f-household-name')),
      idNumber: orNull(val('f-household-idNumber').trim().toUpperCase()),
      phone: orNull(val('f-household-phone').trim()),
      address: orNull(val('f-household-address')),
    },
    contact: { name: orNull(val('f-contact-name')), phone: orNull(val('f-contact-phone').trim()) },
  };
}

const numbers = (vars) => vars && Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'number' ? num(v) : v]));
const check = () => problems(draft(), todayInChina(), (code) => !!area(code), !!editing)
  .map((p) => ({ field: p.field, message: t(p.key, numbers(p.vars)) }));

/** Puts each message next to its input; anything without an input goes to the summary. */
function showProblems(list, focus) {
  for (const id of Object.values(INPUTS)) {
    const input = $('#' + id);
    if (input) input.removeAttribute('aria-invalid');
    render($('#' + id + '-error'), '');
  }
  for (const p of list) {
    const id = INPUTS[p.field];
    if (!id) continue; // e.g. "body": listed in the summary only
    $('#' + id)?.setAttribute('aria-invalid', 'true');
    const slot = $('#' + id + '-error');
    slot.textContent = slot.textContent ? slot.textContent + t('punct.list') + p.message : p.message;
  }
  const summary = $('#summary');
  if (!list.length) {
    render(summary, '');
    return;
  }
  render(summary, html`<div class="notice bad" role="alert"><p>${t('post.fix', { n: list.length })}</p><ul>
    ${list.map((p) => html`<li>${INPUTS[p.field] ? html`<a href="#${INPUTS[p.field]}">${t('field.' + p.field)}</a>` : p.field}${t('punct.colon')}${p.message}</li>`)}
    </ul></div>`);
  if (focus) summary.focus();
}

/** Where the person is looking: beside the button they just pressed. */
function status(content, bad) {
  render($('#form-status'), content ? html`<div class="notice ${bad ? 'bad' : ''}" role="${bad ? 'alert' : 'status'}">${content}</div>` : '');
}

async function submit(e) {
  e.preventDefault();
  submitted = true;
  const list = check();
  showProblems(list, false);
  if (list.length) {
    status(html`<p>${t('post.fix', { n: list.length })} <a href="#${INPUTS[list[0].field] || 'summary'}">${t('post.toFirst')}</a></p>`, true);
    ($('#' + INPUTS[list[0].field]) || $('#summary')).focus();
    return;
  }
  const body = toBody(draft());
  // The same content keeps its key, so a retry after a lost answer is the same posting; changed content is a new one.
  const saved = loadDraft() || {};
  const sentAs = JSON.stringify(body);
  const key = saved.key && saved.sentAs === sentAs ? saved.key : newKey();
  saveDraft({ key, sentAs });
  const button = $('#submit');
  button.disabled = true;
  status(html`<p>${t('state.sending')}</p>`);
  try {
    const need = editing
      ? await api('/api/needs/' + encodeURIComponent(editing.id), { method: 'PUT', auth: true, body, key })
      : await api('/api/needs', { method: 'POST', auth: true, body, key });
    clearDraft();
    render($('#main'), html`<h1>${t('post.heading')}</h1>
      <div class="notice ok" role="status"><p><strong>${editing ? t('post.resent') : t('post.sent')}</strong></p><p>${t('post.sentNext')}</p></div>
      <p><a href="/need.html?id=${encodeURIComponent(need.id)}"><strong>${need.title}</strong></a> · ${t('state.' + need.state)}</p>
      <section class="panel" data-photos="add" data-need="${need.id}" data-kind="need"></section>
      <div class="row"><a class="button" href="/post.html">${t('post.another')}</a><a class="button secondary" href="/mine.html">${t('nav.mine')}</a></div>
      <section class="panel" id="matches" aria-live="polite"></section>`);
    fillPhotos($('#main'));
    showMatches($('#matches'), need, true);
    $('#main').focus();
  } catch (err) {
    button.disabled = false;
    if (err.status === 400 && Array.isArray(err.body.fields)) {
      const fields = err.body.fields.map((f) => ({ field: f.field, message: fieldText(f) }));
      showProblems(fields, false);
      status(html`<p>${t('post.fix', { n: fields.length })} <a href="#${INPUTS[fields[0].field] || 'summary'}">${t('post.toFirst')}</a></p>`, true);
      ($('#' + INPUTS[fields[0].field]) || $('#summary')).focus();
    } else {
      status(html`<p>${errorText(err)}</p>${err.kind !== 'http' ? html`<p>${t('post.retrySafe')}</p>` : ''}`, true);
    }
  }
}
