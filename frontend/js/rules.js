// The rules a posting must meet, mirroring the server's NeedDraft.problems and ChineseIdNumber
// (functions/core) rule for rule, so the form says what the server would say before sending.
// A browser test posts the same bad drafts to both and requires the same fields to be flagged.
// Each problem is {field, key, vars}: the field as the server names it, the text as an i18n key.
import { CATEGORIES } from './ui.js';

export const MAX_QUANTITY = 10000;
export const MAX_VALUE_YUAN = 1000000;
export const MAX_DAYS_AHEAD = 366;
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
// Java's Character.isWhitespace (used by String.strip and isBlank): not the no-break spaces.
const JAVA_SPACE = '\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000';
const EDGES = new RegExp(`^[${JAVA_SPACE}]+|[${JAVA_SPACE}]+$`, 'g');
const BLANK = new RegExp(`^[${JAVA_SPACE}]*$`);
const strip = (s) => s.replace(EDGES, '');
const length = (s) => [...s].length; // code points, as codePointCount

/** Control characters, DEL, C1 controls, bidi overrides and isolates; line breaks only where allowed. */
function invisible(s, lines) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (lines && (c === 10 || c === 13)) continue;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

function text(out, field, v, min, max, lines = false) {
  if (v == null || BLANK.test(v)) return out.push({ field, key: 'rule.required' });
  if (invisible(v, lines)) return out.push({ field, key: lines ? 'rule.controlChars' : 'rule.oneLine' });
  const n = length(strip(v));
  if (n < min || n > max) out.push({ field, key: 'rule.length', vars: { min, max } });
}

function phone(out, field, v) {
  if (v == null || BLANK.test(v)) out.push({ field, key: 'rule.required' });
  else if (!PHONE.test(v)) out.push({ field, key: 'rule.phone' });
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** ChineseIdNumber.problem: null when valid, otherwise an i18n key. */
export function idNumberProblem(id, today) {
  if (id == null || !/^\d{17}[0-9X]$/.test(id)) return 'rule.idFormat';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!realDate(y, m, d)) return 'rule.idBirthDate';
  if (y < 1900 || iso(y, m, d) > today) return 'rule.idBirthDate';
  if (id.startsWith('00')) return 'rule.idRegion';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === id[17] ? null : 'rule.idCheck';
}

function realDate(y, m, d) {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
const iso = (y, m, d) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function addDays(isoDate, days) {
  const t = new Date(Date.parse(isoDate + 'T00:00:00Z') + days * 86400000);
  return t.toISOString().slice(0, 10);
}

/** AreaCode's shape: 12 digits, a province, and no level left out above a filled one. */
export function areaShapeOk(code) {
  if (typeof code !== 'string' || !/^\d{12}$/.test(code) || code.startsWith('00')) return false;
  let zeroSeen = false;
  for (const [a, b] of [[0, 2], [2, 4], [4, 6], [6, 9], [9, 12]]) {
    const zero = /^0+$/.test(code.slice(a, b));
    if (!zero && zeroSeen) return false;
    zeroSeen = zeroSeen || zero;
  }
  return true;
}
const isVillage = (code) => !/^0+$/.test(code.slice(9, 12));

/**
 * Every problem of a draft, one per field, as the server reports them. The draft is what the
 * form sends: strings for text, and quantity/valueYuan as the raw input strings ('' = missing).
 * knownArea(code) says whether a code is in the pilot's tree.
 */
export function problems(d, today, knownArea, idKept) {
  const out = [];
  // null means "not sent" (the server's "required"); an empty string is a wrong value, as on the server.
  if (d.category == null) out.push({ field: 'category', key: 'rule.category' });
  else if (!CATEGORIES.includes(d.category)) out.push({ field: 'category', key: 'rule.categoryUnknown' });
  text(out, 'title', d.title, 2, 60);
  text(out, 'description', d.description, 10, 1000, true);
  const q = wholeNumber(d.quantity);
  if (q === undefined) out.push({ field: 'quantity', key: 'rule.quantityRequired', vars: { max: MAX_QUANTITY } });
  else if (q === null) out.push({ field: 'quantity', key: 'rule.wholeNumber' });
  else if (q < 1 || q > MAX_QUANTITY) out.push({ field: 'quantity', key: 'rule.quantityRange', vars: { max: MAX_QUANTITY } });
  text(out, 'unit', d.unit, 1, 10);
  const v = wholeNumber(d.valueYuan);
  if (v === null) out.push({ field: 'valueYuan', key: 'rule.wholeNumber' });
  else if (v !== undefined && (v < 0 || v > MAX_VALUE_YUAN)) out.push({ field: 'valueYuan', key: 'rule.valueRange', vars: { max: MAX_VALUE_YUAN } });
  if (d.deadline == null) out.push({ field: 'deadline', key: 'rule.deadlineRequired' });
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(d.deadline) || !realDate(+d.deadline.slice(0, 4), +d.deadline.slice(5, 7), +d.deadline.slice(8, 10))) {
    out.push({ field: 'deadline', key: 'rule.dateFormat' });
  } else if (d.deadline < today) out.push({ field: 'deadline', key: 'rule.deadlinePast' });
  else if (d.deadline > addDays(today, MAX_DAYS_AHEAD)) out.push({ field: 'deadline', key: 'rule.deadlineFar' });
  if (d.areaCode == null) out.push({ field: 'areaCode', key: 'rule.areaRequired' });
  else if (!areaShapeOk(d.areaCode)) out.push({ field: 'areaCode', key: 'rule.areaShape' });
  else if (!isVillage(d.areaCode)) out.push({ field: 'areaCode', key: 'rule.areaVillage' });
  else if (!knownArea(d.areaCode)) out.push({ field: 'areaCode', key: 'rule.areaUnknown' });
  const h = d.household || {};
  text(out, 'household.name', h.name, 2, 30);
  // idKept: an edit may leave the ID number out (the server keeps the one posted with the need).
  if (h.idNumber == null) { if (!idKept) out.push({ field: 'household.idNumber', key: 'rule.required' }); }
  else {
    const p = idNumberProblem(h.idNumber, today);
    if (p) out.push({ field: 'household.idNumber', key: p });
  }
  phone(out, 'household.phone', h.phone);
  text(out, 'household.address', h.address, 5, 120);
  const c = d.contact || {};
  text(out, 'contact.name', c.name, 2, 30);
  phone(out, 'contact.phone', c.phone);
  publicText(out, 'title', d.title, h, c);
  publicText(out, 'description', d.description, h, c);
  return out;
}

/** NeedDraft.privateInPublic: no ID number and no phone number in the public title and description. */
function publicText(out, field, v, h, c) {
  if (v == null || out.some((p) => p.field === field)) return;
  const joined = v.replace(/(?<=\d)[ \t\n\v\f\r\-\u2010-\u2015\uff0d]+(?=\d)/g, ''); // Java's \\s is ASCII only
  const upper = joined.toUpperCase();
  let id = !!h.idNumber && h.idNumber.length >= 15 && upper.includes(h.idNumber.toUpperCase());
  for (const m of upper.matchAll(/(?<![0-9X])\d{17}[0-9X](?![0-9X])/g)) id = id || idNumberProblem(m[0], '9999-12-31') === null;
  if (id) return out.push({ field, key: 'rule.containsId' });
  let phone = /(?<!\d)1[3-9]\d{9}(?!\d)/.test(joined);
  for (const p of [h.phone, c.phone]) {
    const digits = (p || '').replace(/\D/g, '');
    if (digits.length >= 7 && joined.replace(/\D/g, ' ').includes(digits)) phone = true;
  }
  if (phone) out.push({ field, key: 'rule.containsPhone' });
}

/** undefined when empty, null when not a whole number in int range, else the number. */
export function wholeNumber(raw) {
  if (raw == null || String(raw).trim() === '') return undefined;
  const s = String(raw).trim();
  if (!/^-?\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

/**
 * The JSON body for a draft: whole numbers as numbers, empty numbers left out, anything else sent
 * as typed (so the server reports it exactly as problems() did).
 */
export function toBody(d) {
  const num = (raw) => {
    const n = wholeNumber(raw);
    return n === undefined ? undefined : n === null ? String(raw) : n;
  };
  const body = { ...d, quantity: num(d.quantity), valueYuan: num(d.valueYuan) };
  for (const k of Object.keys(body)) if (body[k] === undefined || body[k] === null) delete body[k];
  return body;
}
