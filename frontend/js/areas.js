// The pilot's area tree (province → city → county → town → village) from /data/areas.json, which
// the build writes from the same areas.tsv the server checks codes against.
import { api } from './api.js';
import { html, render } from './ui.js';
import { t } from './i18n.js';

export const LEVELS = ['province', 'city', 'county', 'town', 'village'];
let tree = null;

export async function loadAreas() {
  if (!tree) {
    const data = await api('/data/areas.json');
    const byCode = new Map();
    const walk = (list, parent, level) => list.forEach((a) => {
      const node = { code: a.code, name: a.name, parent, level, children: a.children || [] };
      byCode.set(a.code, node);
      walk(node.children, node, level + 1);
    });
    walk(data.areas, null, 0);
    tree = { roots: data.areas, byCode };
  }
  return tree;
}

export const area = (code) => tree?.byCode.get(code) || null;

/** From the province down to this area. */
export function pathOf(code) {
  const out = [];
  for (let a = area(code); a; a = a.parent) out.unshift(a);
  return out;
}

/**
 * Five labelled selects, each filled when the one above is chosen. onChange gets the deepest
 * chosen code (or '' for none). `within` limits the choice to one area's subtree (a poster's
 * own village, say): the levels above it are fixed. `depth` stops the choice higher up (4: down to towns).
 */
export function areaPicker(container, { value = '', within = '', onChange = () => {}, idPrefix = 'area', depth = LEVELS.length } = {}) {
  const levels = LEVELS.slice(0, depth);
  render(container, html`${levels.map((level) => html`
    <div><label for="${idPrefix}-${level}">${t('area.' + level)}</label>
    <select id="${idPrefix}-${level}" data-level="${level}"></select></div>`)}`);
  const selects = levels.map((l) => container.querySelector(`#${idPrefix}-${l}`));
  const fixed = pathOf(within).map((a) => a.code);
  let chosen = pathOf(value).map((a) => a.code).slice(0, depth);
  if (fixed.length && !fixed.every((c, i) => chosen[i] === c)) chosen = fixed.slice();

  function fill() {
    let options = tree.roots;
    selects.forEach((sel, i) => {
      const locked = i < fixed.length;
      const list = options || [];
      render(sel, html`${locked ? '' : html`<option value="">${t('area.any')}</option>`}${list
        .filter((a) => !locked || a.code === fixed[i])
        .map((a) => html`<option value="${a.code}"${a.code === chosen[i] ? html` selected` : ''}>${a.name}</option>`)}`);
      sel.disabled = locked || list.length === 0;
      const picked = list.find((a) => a.code === chosen[i]);
      options = picked ? picked.children : null;
    });
  }

  selects.forEach((sel, i) => sel.addEventListener('change', () => {
    chosen = chosen.slice(0, i);
    if (sel.value) chosen[i] = sel.value;
    fill();
    onChange(current());
  }));
  const current = () => chosen.filter(Boolean).slice(-1)[0] || '';
  fill();
  return { value: current, selects };
}
