// Language: 简体中文 by default, English on request (remembered in localStorage). Every UI text
// lives in i18n/<lang>.js; only the chosen file is loaded.
export const LANGS = ['zh-CN', 'en'];
let dict = {};

export const lang = (() => {
  try {
    const saved = localStorage.getItem('lang');
    if (LANGS.includes(saved)) return saved;
  } catch (e) { /* storage blocked: use the default */ }
  return 'zh-CN';
})();

export async function loadTexts() {
  dict = (await import(`../i18n/${lang}.js`)).default;
  document.documentElement.lang = lang;
}

/** The text for key, with {name} placeholders filled from vars. A missing key shows itself, so it is noticed. */
export function t(key, vars) {
  const s = Object.prototype.hasOwnProperty.call(dict, key) ? dict[key] : key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

/** Whether the chosen language has a text for key (codes from the server may be new to the site). */
export const has = (key) => Object.prototype.hasOwnProperty.call(dict, key);

export function switchLang() {
  try { localStorage.setItem('lang', lang === 'en' ? 'zh-CN' : 'en'); } catch (e) { /* ignore */ }
  location.reload();
}
