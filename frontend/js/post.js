// The poster's form: the seven elements of a need (category, what, how much, value, deadline,
// where, the household) and a contact. Checked here by the server's own rules (rules.js) before
// sending; whatever the server still refuses comes back as 400 `fields` and is shown at its input.
import { api } from './api.js';
import { areaPicker, loadAreas, area } from './areas.js';
import { hasRole, user } from './auth.js';
import { t } from './i18n.js';
import { showMatches } from './supply-ui.js';
import { MAX_DAYS_AHEAD, MAX_QUANTITY, MAX_VALUE_YUAN, addDays, problems, toBody } from './rules.js';
import { $, CATEGORIES, errorText, html, render, signInLink, startPage, todayInChina } from './ui.js';

// Server field name → the input that shows its error.
const INPUTS = {
  category: 'f-category', title: 'f-title', description: 'f-description', quantity: 'f-quantity', unit: 'f-unit',
  valueYuan: 'f-valueYuan', deadline: 'f-deadline', areaCode: 'area-village',
  'household.name': 'f-household-name', 'household.idNumber': 'f-household-idNumber', 'household.phone': 'f-household-phone',
  'household.address': 'f-household-address', 'contact.name': 'f-contact-name', 'contact.phone': 'f-contact-phone',
};
let picker;

startPage('post', 'post.title').then(start);

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
  } catch (err) {
    render(main, html`<h1>${t('post.heading')}</h1><div class="state error" role="alert"><p>${errorText(err)}</p><button type="button" id="retry">${t('state.retry')}</button></div>`);
    $('#retry').addEventListener('click', start);
    return;
  }
  drawForm();
}

const field = (name, label, input, hint) => html`<div class="field">
  <label for="${INPUTS[name]}">${label}</label>${input}
  ${hint ? html`<p class="hint" id="${INPUTS[name]}-hint">${hint}</p>` : ''}
  <p class="field-error" id="${INPUTS[name]}-error" aria-live="polite"></p></div>`;
const described = (name, hint) => html` aria-describedby="${hint ? INPUTS[name] + '-hint ' : ''}${INPUTS[name]}-error"`;

function drawForm() {
  const today = todayInChina();
  const me = user();
  const contactName = (me.name || '').replace(/（.*）|\(.*\)/g, '').trim();
  render($('#main'), html`
    <h1>${t('post.heading')}</h1>
    <p class="lead">${t('post.lead')}</p>
    <div id="summary" tabindex="-1"></div>
    <form id="need-form" novalidate>
      <fieldset><legend>${t('post.what')}</legend>
        ${field('category', t('post.category'), html`<select id="f-category"${described('category')}>
          <option value="">${t('post.choose')}</option>
          ${CATEGORIES.map((c) => html`<option value="${c}">${t('cat.' + c)}</option>`)}</select>`)}
        ${field('title', t('post.titleLabel'), html`<input id="f-title" maxlength="60" autocomplete="off"${described('title', 1)}>`, t('post.titleHint'))}
        ${field('description', t('post.description'), html`<textarea id="f-description" maxlength="1000"${described('description', 1)}></textarea>`, t('post.descriptionHint'))}
        <div class="grid2">
          ${field('quantity', t('post.quantity'), html`<input id="f-quantity" type="number" inputmode="numeric" min="1" max="${MAX_QUANTITY}" step="1" value="1"${described('quantity', 1)}>`, t('post.quantityHint', { max: MAX_QUANTITY }))}
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
          ${field('household.idNumber', t('household.idNumber'), html`<input id="f-household-idNumber" maxlength="18" autocomplete="off" inputmode="text"${described('household.idNumber', 1)}>`, t('post.idHint'))}
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
      <button type="submit" id="submit">${t('post.submit')}</button>
      <p id="form-status" role="status"></p>
    </form>`);
  picker = areaPicker($('#area-picker'), { within: me.area, value: me.area });
  $('#area-village').setAttribute('aria-describedby', 'area-village-error');
  $('#need-form').addEventListener('submit', submit);
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

const check = () => problems(draft(), todayInChina(), (code) => !!area(code))
  .map((p) => ({ field: p.field, message: t(p.key, p.vars) }));

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
    slot.textContent = slot.textContent ? slot.textContent + '；' + p.message : p.message;
  }
  const summary = $('#summary');
  if (!list.length) {
    render(summary, '');
    return;
  }
  render(summary, html`<div class="notice bad" role="alert"><p>${t('post.fix', { n: list.length })}</p><ul>
    ${list.map((p) => html`<li>${INPUTS[p.field] ? html`<a href="#${INPUTS[p.field]}">${t('field.' + p.field)}</a>：` : html`${p.field}：`}${p.message}</li>`)}
    </ul></div>`);
  if (focus) summary.focus();
}

async function submit(e) {
  e.preventDefault();
  submitted = true;
  const list = check();
  showProblems(list, true);
  if (list.length) return;
  const button = $('#submit');
  button.disabled = true;
  $('#form-status').textContent = t('state.sending');
  try {
    const need = await api('/api/needs', { method: 'POST', auth: true, body: toBody(draft()) });
    render($('#main'), html`<h1>${t('post.heading')}</h1>
      <div class="notice ok" role="status"><p><strong>${t('post.sent')}</strong></p><p>${t('post.sentNext')}</p></div>
      <p><strong>${need.title}</strong> · ${t('state.' + need.state)}</p>
      <div class="row"><a class="button" href="/post.html">${t('post.another')}</a><a class="button secondary" href="/mine.html">${t('nav.mine')}</a></div>
      <section class="panel" id="matches" aria-live="polite"></section>`);
    showMatches($('#matches'), need, true);
  } catch (err) {
    button.disabled = false;
    $('#form-status').textContent = '';
    if (err.status === 400 && Array.isArray(err.body.fields)) showProblems(err.body.fields, true);
    else render($('#summary'), html`<div class="notice bad" role="alert"><p>${errorText(err)}</p>
      ${err.kind !== 'http' ? html`<p>${t('post.checkMine')}</p>` : ''}</div>`);
  }
}
