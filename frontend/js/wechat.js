// Inside WeChat's browser a forwarded page's card comes from the JS-SDK, not from og: tags. Only
// there (user agent MicroMessenger), and only when the pilot has an official account (the API's
// js-config answers; 404 wechat_off otherwise), this loads WeChat's SDK from our own origin, signs
// the page and hands it the card: for a need, the very card /share/{id} shows (title, what is left,
// its picture); for the list and transparency pages, the page's own title and description.
// Anywhere else it does nothing. Nothing here is needed for the page to work.
const SDK = '/vendor/weixin-js-sdk-1.6.5.js';
const SITE_PICTURE = '/img/share/site.png';

if (/MicroMessenger/i.test(navigator.userAgent)) start().catch(() => {});

async function start() {
  const page = location.href.split('#')[0];
  const res = await fetch('/api/wechat/js-config?url=' + encodeURIComponent(page), { headers: { accept: 'application/json' } });
  if (!res.ok) return; // no official account, or WeChat unavailable: the page shares as anywhere else
  const [config, card, wx] = await Promise.all([res.json(), cardOfThisPage(), loadSdk()]);
  if (!card || !wx) return;
  wx.config({ debug: false, appId: config.appId, timestamp: config.timestamp, nonceStr: config.nonceStr,
    signature: config.signature, jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'] });
  wx.ready(() => {
    wx.updateAppMessageShareData({ title: card.title, desc: card.desc, link: card.link, imgUrl: card.imgUrl });
    // Moments show the title only: what is left (the description up to its first full stop or bracket) goes into it.
    wx.updateTimelineShareData({ title: card.timelineTitle, link: card.link, imgUrl: card.imgUrl });
  });
}

/** The card: a need's from its share card (the one place that words it), other pages' from their head. */
async function cardOfThisPage() {
  const id = new URLSearchParams(location.search).get('id') || '';
  if (location.pathname.endsWith('/need.html')) {
    if (!/^n[a-z0-9]{12}$/.test(id)) return null;
    const res = await fetch('/share/' + id);
    if (!res.ok) return null;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const og = (p) => doc.querySelector(`meta[property="og:${p}"]`)?.getAttribute('content') || '';
    const title = og('title');
    const desc = og('description');
    return { title, desc, link: location.origin + '/share/' + id, imgUrl: absolute(og('image') || SITE_PICTURE),
      timelineTitle: desc ? title + ' · ' + desc.split(/[\uFF08\u00B7\u3002\uFF01\uFF0C]/)[0].trim() : title };
  }
  await titled();
  const title = document.title;
  const desc = document.querySelector('meta[name="description"]')?.getAttribute('content') || '';
  return { title, desc, link: location.href.split('#')[0], imgUrl: absolute(SITE_PICTURE), timelineTitle: title };
}

/** Resolves once the page has set its title in the reader's language (ui.js startPage), or after 3 s. */
function titled() {
  if (document.documentElement.dataset.titled) return Promise.resolve();
  return new Promise((resolve) => {
    document.addEventListener('bangfu:titled', resolve, { once: true });
    setTimeout(resolve, 3000);
  });
}

function absolute(url) {
  return new URL(url, location.origin).href;
}

/** The SDK file is a CommonJS module (written for bundlers): give it a module object to export into. */
function loadSdk() {
  return new Promise((resolve) => {
    const module = { exports: {} };
    window.module = module;
    const s = document.createElement('script');
    s.src = SDK;
    s.onload = () => { delete window.module; resolve(module.exports && module.exports.config ? module.exports : null); };
    s.onerror = () => { delete window.module; resolve(null); };
    document.head.appendChild(s);
  });
}
