// Shared page parts: HTML built only through html`` (which escapes every value), the header,
// the loading / empty / error states, and formatting.
import { has, lang, loadTexts, switchLang, t } from './i18n.js';
import { hasRole, signOut, user } from './auth.js';
import { api } from './api.js';

export const CATEGORIES = ['MEDICAL', 'EDUCATION', 'DISABILITY', 'HOME_IMPROVEMENT', 'INSURANCE', 'EMPLOYMENT', 'DAILY_LIVING'];

export const $ = (sel, root = document) => root.querySelector(sel);

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (v) => String(v).replace(/[&<>"']/g, (c) => ENTITIES[c]);

class Html {
  constructor(s) { this.s = s; }
  toString() { return this.s; }
}

/** Tagged template: values are escaped unless they are Html themselves (nested html``); arrays are joined. */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((v, i) => {
    out += piece(v) + strings[i + 1];
  });
  return new Html(out);
}
const piece = (v) => (v instanceof Html ? v.s : Array.isArray(v) ? v.map(piece).join('') : v == null || v === false ? '' : esc(v));

export function render(el, content) {
  el.innerHTML = content instanceof Html ? content.s : esc(content);
}

/** Loads the texts and draws the header; every page's entry point calls this first. */
export async function startPage(active, titleKey) {
  await loadTexts();
  document.title = t(titleKey) + ' · ' + t('site.name');
  // The page's title in the reader's language: wechat.js hands it to WeChat's share card.
  document.documentElement.dataset.titled = '1';
  document.dispatchEvent(new Event('bangfu:titled'));
  const u = user();
  const link = (href, key, name) => html`<a href="${href}"${name === active ? html` aria-current="page"` : ''}>${t(key)}</a>`;
  const header = document.createElement('header');
  header.className = 'site-header';
  render(header, html`
    <a class="skip" href="#main">${t('nav.skip')}</a>
    <div class="bar">
      <a class="brand" href="/">${t('site.name')}<small>${t('site.tagline')}</small></a>
      <nav class="site-nav" aria-label="${t('nav.label')}">
        ${link('/', 'nav.browse', 'browse')}
        ${link('/offers.html', 'nav.offers', 'offers')}
        ${link('/transparency.html', 'nav.transparency', 'transparency')}
        ${hasRole('poster') ? link('/post.html', 'nav.post', 'post') : ''}
        ${hasRole('council') || hasRole('volunteer') || hasRole('admin') ? link('/review.html', 'nav.review', 'review') : ''}
        ${hasRole('admin') ? link('/people.html', 'nav.people', 'people') : ''}
        ${hasRole('admin') ? link('/admin.html', 'nav.admin', 'admin') : ''}
        ${u ? link('/mine.html', 'nav.mine', 'mine') : ''}
        ${u ? html`<a href="/inbox.html" id="inbox-link"${active === 'inbox' ? html` aria-current="page"` : ''}>${t('nav.inbox')}<span class="unread-count" hidden></span></a>` : ''}
        ${u ? link('/supply.html', 'nav.supply', 'supply') : ''}
        ${u ? html`<span class="who">${u.name}</span><button type="button" id="sign-out">${t('nav.signOut')}</button>`
            : link('/signin.html?next=' + encodeURIComponent(location.pathname + location.search), 'nav.signIn', 'signin')}
      </nav>
      <button type="button" class="lang" id="lang" lang="${lang === 'en' ? 'zh-CN' : 'en'}">${t('nav.otherLanguage')}</button>
    </div>`);
  document.body.prepend(header);
  $('#lang').addEventListener('click', switchLang);
  $('#sign-out')?.addEventListener('click', () => {
    signOut();
    location.href = '/';
  });
  // The unread count comes after the page, so a slow line never holds the page up.
  if (u && active !== 'inbox') api('/api/me/notifications', { auth: true }).then((box) => showUnread(box.unread), () => {});
  const footer = document.createElement('footer');
  footer.className = 'site-footer';
  render(footer, t('site.footer'));
  document.body.append(footer);
}

/** The header's unread badge: the number, and words for screen readers. */
export function showUnread(n) {
  const badge = document.querySelector('#inbox-link .unread-count');
  if (!badge) return;
  badge.hidden = !n;
  badge.textContent = n >= 50 ? '50+' : String(n || '');
  badge.setAttribute('aria-label', t('nav.unread', { n }));
}

// ---- states -------------------------------------------------------------------------------

export function showLoading(el, count = 3) {
  el.setAttribute('aria-busy', 'true');
  render(el, html`<p class="visually-hidden" role="status">${t('state.loading')}</p>${Array.from({ length: count }, () => html`<div class="skeleton"></div>`)}`);
}

export function showEmpty(el, text, action) {
  el.removeAttribute('aria-busy');
  render(el, html`<div class="state" role="status"><p>${text}</p>${action ? html`<button type="button" class="secondary">${action.label}</button>` : ''}</div>`);
  if (action) el.querySelector('button').addEventListener('click', action.run);
}

/** The error and a retry button (the usual cure on a weak mobile line). */
export function showError(el, err, retry) {
  el.removeAttribute('aria-busy');
  render(el, html`<div class="state error" role="alert"><p>${errorText(err)}</p>
    ${retry ? html`<button type="button" class="retry">${t('state.retry')}</button>` : ''}</div>`);
  if (retry) el.querySelector('button.retry').addEventListener('click', retry);
}

/**
 * Words for an ApiError in the chosen language: ours for the network and for every code the server
 * sends (field problems, conflicts); the server's own text only for a code the site does not know.
 */
export function errorText(err) {
  if (!err || !err.kind) return t('err.unknown');
  if (err.kind === 'timeout') return t('err.timeout');
  if (err.kind === 'network') return t('err.network');
  const b = err.body;
  if (err.status === 401) return t('err.signIn');
  if (err.status === 503) return t('err.busy');
  if (err.status === 409 && b.error === 'in_progress') return t('err.inProgress');
  if (err.status === 409) {
    const own = b.code && has('code.' + b.code) ? t('code.' + b.code) : serverText(b.message) || t('err.conflict');
    return b.state ? own + t('punct.sep') + t('err.stateNow', { state: t('state.' + b.state) }) : own;
  }
  if (err.status === 400 && Array.isArray(b.fields)) return t('err.invalid', { n: b.fields.length });
  if (err.status === 404) return t('err.notFound');
  if (err.status === 413) return t('err.tooLarge');
  if (err.status === 422) return t('err.keyReused');
  if (err.status >= 500) return t('err.server');
  return serverText(b.message) || t('err.unknown');
}

/** One field problem from the server: the site's words for its code, else the server's. */
export const fieldText = (f) => (f.code && has('fieldCode.' + f.code) ? t('fieldCode.' + f.code) : serverText(f.message));

// The server's bilingual "中文 (English)": the half in the chosen language.
export function serverText(message) {
  if (!message) return '';
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(message);
  if (!m || !m[1]) return message;
  return lang === 'en' ? m[2] : m[1];
}

// A step that cannot be undone asks once: the first press shows what will happen with 确认 and
// 取消 in place of the button; only 确认 runs it.
export function confirmOnce(button, question, run) {
  button.addEventListener('click', () => {
    const box = document.createElement('div');
    box.className = 'confirm-box';
    box.setAttribute('role', 'group');
    render(box, html`<p>${question}</p><div class="actions"><button type="button" class="yes">${t('confirm.yes')}</button>
      <button type="button" class="secondary no">${t('confirm.no')}</button></div>`);
    button.hidden = true;
    button.after(box);
    box.querySelector('.yes').focus();
    box.querySelector('.no').addEventListener('click', () => { box.remove(); button.hidden = false; button.focus(); });
    box.querySelector('.yes').addEventListener('click', () => run(box));
  });
}

// ---- formatting ---------------------------------------------------------------------------

/** Today's calendar date in China (deadlines are Chinese calendar days, as on the server). */
export function todayInChina() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function daysUntil(isoDate) {
  return Math.round((Date.parse(isoDate + 'T00:00:00Z') - Date.parse(todayInChina() + 'T00:00:00Z')) / 86400000);
}

export function deadlineText(isoDate) {
  const d = daysUntil(isoDate);
  const left = d < 0 ? t('need.deadlinePassed') : d === 0 ? t('need.deadlineToday') : t('need.daysLeft', { n: d });
  return t('need.deadlineWithLeft', { date: isoDate, left });
}

export const categoryTag = (code) => html`<span class="tag cat-${code}">${t('cat.' + code)}</span>`;

const STATE_CLASS = { PUBLISHED: 'open', PENDING_REVIEW: 'wait', CLAIMED: 'wait', DELIVERED: 'wait', ACTIVE: 'wait', FULFILLED: 'done', CONFIRMED: 'done', REJECTED: 'bad', WITHDRAWN: 'bad', EXPIRED: 'bad', RELEASED: 'bad' };
export const stateBadge = (state, prefix = 'state.') => html`<span class="badge ${STATE_CLASS[state] || ''}">${t(prefix + state)}</span>`;

/** Where a need is, without the province and city every local reader knows. */
export const placeText = (area) => (area?.names || []).slice(-3).join(' ');

/** A whole number as people write it here: 1,000,000. */
export const num = (v) => Number(v).toLocaleString(lang);

// How much of a need is left, in words that fit its state: "还需 2 / 3 套" while open, "已全部认领"
// while helped, "已完成 3 套" once met, the plain quantity before publication.
export function amountText(n) {
  const q = { n: num(n.remaining), total: num(n.quantity), unit: n.unit };
  if (n.state === 'FULFILLED') return t('amount.fulfilled', q);
  if (n.state === 'CLAIMED' || n.state === 'DELIVERED') return t('amount.taken', q);
  if (n.state === 'PUBLISHED' && n.remaining > 0) return t('amount.open', q);
  return t('amount.quantity', q);
}

export const yuan = (v) => (v == null ? '' : t('need.valueYuan', { n: Number(v).toLocaleString(lang) }));

/**
 * Where to go after signing in: only a page of this site. Parsed as a URL against our origin, so
 * "//evil.example", "/\\evil.example", "https:evil.example" or "javascript:…" all resolve elsewhere
 * (or nowhere) and go home instead.
 */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/')) return '/';
  let u;
  try {
    u = new URL(next, location.origin);
  } catch (e) {
    return '/';
  }
  return u.origin === location.origin && (u.protocol === 'https:' || u.protocol === 'http:') ? u.pathname + u.search + u.hash : '/';
}

export function signInLink() {
  return '/signin.html?next=' + encodeURIComponent(location.pathname + location.search);
}
