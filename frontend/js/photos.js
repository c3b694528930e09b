// Photos (照片). A page puts an empty slot where photos belong and calls fillPhotos(root):
//   <div data-photos="add" data-need data-kind="need|delivery" data-claim?>  take or choose photos and upload them
//   <div data-photos="review" data-need>     need photos with the checklist, 移除 for who may drop one
//   <div data-photos="delivery" data-need data-claim? data-consent?>  delivery photos (the poster's consent)
//   <div data-photos="public" data-list='[…]'> the public photos a need's public view carries
// The file goes straight from the phone to S3 with the presigned POST the API answers (the policy,
// not this page, enforces type and size); on a patchy line it shows progress, tries again by itself
// twice, then offers 重试. Before that the phone shrinks the photo (see shrink): a camera's 4–10 MB
// becomes a few hundred KB, which a village's 3G line can carry. The copies we show were re-encoded
// by the server: no EXIF, no location.
import { api } from './api.js';
import { t } from './i18n.js';
import { errorText, fieldText, html, render } from './ui.js';

const TYPES = ['image/jpeg', 'image/png'];
const MIN_BYTES = 1024;
// The server's largest copy is 1280 px on the long edge (PhotoRules.DISPLAY_PX); 2048 leaves it room.
const MAX_EDGE = 2048;
const QUALITY = 0.85;
// At least 3 min; longer for a big file that could not be shrunk (10 MB at ~0.2 Mbit/s), within the form's 10 min.
const timeoutFor = (bytes) => Math.min(480000, Math.max(180000, bytes / 25));
const path = (needId) => '/api/needs/' + encodeURIComponent(needId) + '/photos';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let seq = 0;

export function fillPhotos(root = document) {
  for (const slot of root.querySelectorAll('[data-photos]:not([data-filled])')) {
    slot.dataset.filled = '1';
    const kind = slot.dataset.photos;
    if (kind === 'add') adder(slot);
    else if (kind === 'public') publicGallery(slot, JSON.parse(slot.dataset.list || '[]'));
    else visible(slot);
  }
}

/** Everything the signed-in viewer may see of a need's photos, with presigned copies ({photos, checklist}). */
const allPhotos = (needId) => api(path(needId) + '/all', { auth: true });

function publicGallery(slot, list) {
  if (!list.length) return;
  render(slot, html`<h2 class="photos-h">${t('photos.heading')}</h2><ul class="photos">${list.map((p) => html`<li>
    <a href="${p.display}"><img src="${p.small}" width="${p.width}" height="${p.height}" alt="${t(p.kind === 'delivery' ? 'photos.altDelivery' : 'photos.alt')}" loading="lazy"></a></li>`)}</ul>`);
}

/** Need photos for reviewers (checklist, drop), or delivery photos for the poster, admin and helper. */
async function visible(slot) {
  const { need, claim } = slot.dataset;
  const review = slot.dataset.photos === 'review';
  let r;
  try {
    r = await allPhotos(need);
  } catch (err) {
    render(slot, html`<p class="hint">${t('photos.loadFailed')} <button type="button" class="secondary small retry">${t('state.retry')}</button></p>`);
    slot.querySelector('.retry').addEventListener('click', () => visible(slot));
    return;
  }
  const list = r.photos.filter((p) => (review ? p.kind === 'need' : p.kind === 'delivery' && (!claim || p.claimId === claim))
    && p.state !== 'DROPPED' && p.state !== 'FAILED' && p.small);
  if (!list.length) {
    render(slot, review ? html`<p class="hint">${t('photos.none')}</p>` : '');
    return;
  }
  render(slot, html`<div class="photo-box">
    <p><strong>${t(review ? 'photos.needPhotos' : 'photos.deliveryPhotos', { n: list.length })}</strong></p>
    ${review ? html`<p class="hint">${t('photos.checkIntro')}</p><ul class="checklist">${(r.checklist || []).map((c) => html`<li>${t('photos.check.' + c)}</li>`)}</ul>` : ''}
    <ul class="photos">${list.map((p) => html`<li data-photo="${p.id}">
      <a href="${p.display}"><img src="${p.small}" width="${p.width}" height="${p.height}" alt="${t(review ? 'photos.alt' : 'photos.altDelivery')}"></a>
      ${review ? dropControl(p) : ''}
      ${!review && slot.dataset.consent === 'yes' ? html`<label class="consent"><input type="checkbox" class="share"${p.shared ? ' checked' : ''}> ${t('photos.consent')}</label>` : ''}
      ${!review && slot.dataset.consent !== 'yes' && p.shared ? html`<small>${t('photos.shared')}</small>` : ''}
    </li>`)}</ul>
    <p class="photo-status" role="status"></p></div>`);
  const status = slot.querySelector('.photo-status');
  for (const li of slot.querySelectorAll('li[data-photo]')) {
    const id = li.dataset.photo;
    li.querySelector('.drop')?.addEventListener('click', async (e) => {
      const reason = li.querySelector('.drop-reason').value.trim();
      e.target.disabled = true;
      try {
        await api(path(need) + '/' + encodeURIComponent(id), { method: 'DELETE', auth: true, body: reason ? { reason } : {} });
        li.remove();
        status.textContent = t('photos.dropped');
      } catch (err) {
        e.target.disabled = false;
        status.textContent = errorText(err);
      }
    });
    li.querySelector('.share')?.addEventListener('change', async (e) => {
      const box = e.target;
      box.disabled = true;
      try {
        await api(path(need) + '/' + encodeURIComponent(id) + '/consent', { method: 'POST', auth: true, body: { shared: box.checked } });
        status.textContent = t(box.checked ? 'photos.consented' : 'photos.unconsented');
      } catch (err) {
        box.checked = !box.checked;
        status.textContent = errorText(err);
      }
      box.disabled = false;
    });
  }
}

const dropControl = (p) => html`<details class="drop-box"><summary>${t('photos.drop')}</summary>
  <label for="drop-${p.id}">${t('photos.dropReason')}</label><input id="drop-${p.id}" class="drop-reason" maxlength="200">
  <button type="button" class="secondary drop">${t('photos.dropConfirm')}</button></details>`;

/** Take a photo with the camera or choose one; each file uploads on its own row. */
function adder(slot) {
  const n = ++seq;
  render(slot, html`<div class="photo-box">
    <p><strong>${t(slot.dataset.kind === 'delivery' ? 'photos.addDelivery' : 'photos.addNeed')}</strong></p>
    <p class="hint">${t(slot.dataset.kind === 'delivery' ? 'photos.addDeliveryHint' : 'photos.addNeedHint')}</p>
    <div class="row">
      <label class="button secondary" for="camera-${n}">${t('photos.camera')}</label>
      <input class="visually-hidden" type="file" id="camera-${n}" accept="image/*" capture="environment">
      <label class="button secondary" for="choose-${n}">${t('photos.choose')}</label>
      <input class="visually-hidden" type="file" id="choose-${n}" accept="image/*" multiple>
    </div>
    <ul class="uploads" aria-live="polite"></ul></div>`);
  for (const input of slot.querySelectorAll('input[type=file]')) {
    input.addEventListener('change', () => {
      for (const file of input.files) upload(slot, file);
      input.value = '';
    });
  }
}

function upload(slot, file) {
  const row = document.createElement('li');
  slot.querySelector('.uploads').append(row);
  const say = (content) => render(row, html`<span class="file">${file.name || t('photos.photo')}</span> ${content}`);
  const state = { form: null, body: null };
  const attempt = async (tries) => {
    try {
      if (!state.body) {
        say(html`<span>${t('photos.shrinking')}</span>`);
        state.body = await shrink(file);
      }
      const body = state.body;
      // The form is signed for the type we send: image/jpeg once shrunk, else the file's own (the API refuses other types).
      const contentType = body.type || 'application/octet-stream';
      const timeout = timeoutFor(body.size);
      if (!state.form || Date.parse(state.form.upload.expiresAt) - Date.now() < timeout + 10000) {
        say(html`<span>${t('photos.preparing')}</span>`);
        const { kind, claim } = slot.dataset;
        state.form = await api(path(slot.dataset.need), { method: 'POST', auth: true,
          body: claim ? { kind, contentType, claimId: claim } : { kind, contentType } });
      }
      const { upload: u, photo } = state.form;
      if (body.size < MIN_BYTES || body.size > u.maxBytes) return say(html`<span class="field-error">${t('photos.size', { mb: Math.round(u.maxBytes / 1048576) })}</span>`);
      const mb = (body.size / 1048576).toFixed(body.size < 1048576 ? 2 : 1);
      say(html`<progress max="100" value="0" aria-label="${t('photos.uploading')}"></progress> <span class="pct">0%</span> <small class="bytes">${t('photos.sizeMb', { mb })}</small>`);
      await post(u, body, file.name, timeout, (f) => {
        const bar = row.querySelector('progress');
        if (bar) { bar.value = Math.round(f * 100); row.querySelector('.pct').textContent = Math.round(f * 100) + '%'; }
      });
      say(html`<span>${t('photos.processing')}</span>`);
      const done = await processed(slot.dataset.need, photo.id);
      if (!done) return say(html`<span>${t('photos.slow')}</span>`);
      if (done.state === 'FAILED') return say(html`<span class="field-error">${t('photos.unreadable')}</span>`);
      row.dataset.ready = photo.id;
      // Where the page lists this need's photos beside the adder, the new one shows there (once).
      const gallery = [...slot.parentElement.querySelectorAll('[data-photos=review], [data-photos=delivery]')].find((g) => g.dataset.need === slot.dataset.need);
      if (gallery) {
        say(html`<span class="ok">${t('photos.ready')}</span>`);
        visible(gallery);
      } else {
        render(row, html`<img src="${done.small}" width="${done.width}" height="${done.height}" alt="${t('photos.alt')}"> <span class="ok">${t('photos.ready')}</span>`);
      }
    } catch (err) {
      if (err.status >= 400 && err.status < 500 && err.kind === 'http') {
        // The API refused (e.g. a type it does not take): its own words; trying again will not help.
        const fields = Array.isArray(err.body?.fields) ? err.body.fields.map(fieldText).filter(Boolean) : [];
        return say(html`<span class="field-error">${fields.length ? fields.join(t('punct.sep')) : errorText(err)}</span>`);
      }
      if (err.status === 403 || err.status === 400) state.form = null; // S3 refused the form (expired?): ask for a new one
      if (tries < 2) {
        say(html`<span>${t('photos.again')}</span>`);
        await sleep(2000 * (tries + 1));
        return attempt(tries + 1);
      }
      // Retry keeps the chosen photo (and its shrunk copy): nothing to choose again.
      say(html`<span class="field-error">${t('photos.failed')}</span> <button type="button" class="secondary small retry">${t('state.retry')}</button>`);
      row.querySelector('.retry').addEventListener('click', () => attempt(0));
    }
  };
  attempt(0);
}

/**
 * What we send for a chosen photo: decoded with its EXIF orientation applied, at most MAX_EDGE px on
 * the long edge, re-encoded as JPEG (the canvas drops EXIF, GPS position included) — when that is
 * smaller than the file, or the file is of a type the server does not take. Otherwise, or when the
 * browser cannot decode it, the file itself, so nothing is lost (the server reads or refuses it).
 */
async function shrink(file) {
  let src;
  try {
    src = await decode(file);
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, MAX_EDGE / Math.max(src.width, src.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(src.width * scale));
    canvas.height = Math.max(1, Math.round(src.height * scale));
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff'; // a PNG's transparent parts: white, as the server draws them
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.imageSmoothingQuality = 'high';
    g.drawImage(src.image, 0, 0, canvas.width, canvas.height);
    const jpeg = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    canvas.width = canvas.height = 0; // give the phone its memory back now
    if (!jpeg || jpeg.size < MIN_BYTES) return file;
    return jpeg.size < file.size || !TYPES.includes(file.type) ? jpeg : file;
  } catch {
    return file;
  } finally {
    src.close();
  }
}

/** {image, width, height, close}: an ImageBitmap upright by its EXIF orientation, else an <img> (which browsers also draw upright). */
async function decode(file) {
  if (typeof createImageBitmap === 'function') {
    try {
      const b = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { image: b, width: b.width, height: b.height, close: () => b.close() };
    } catch {
      // an older browser that refuses the options, or a file it cannot decode this way: try an <img>
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    if (!img.naturalWidth) throw new Error('no pixels');
    return { image: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
}

/** The presigned POST: the form's fields in order, then the file last (S3's rule). */
function post(u, body, name, timeout, progress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(u.fields)) form.append(k, v);
    form.append(u.fileField || 'file', body, body.name || (name || 'photo').replace(/\.[^.]*$/, '') + '.jpg'); // a shrunk Blob has no name
    const x = new XMLHttpRequest();
    x.open('POST', u.url);
    x.timeout = timeout;
    x.upload.onprogress = (e) => { if (e.lengthComputable) progress(e.loaded / e.total); };
    x.onload = () => (x.status >= 200 && x.status < 300 ? resolve() : reject(Object.assign(new Error('S3 ' + x.status), { status: x.status, kind: 's3' })));
    x.onerror = () => reject(Object.assign(new Error('network'), { kind: 'network' }));
    x.ontimeout = () => reject(Object.assign(new Error('timeout'), { kind: 'timeout' }));
    x.send(form);
  });
}

/** Waits for the server's copy (S3's notification runs the photo function): the photo once READY or FAILED. */
async function processed(needId, photoId) {
  for (let i = 0; i < 40; i++) {
    await sleep(i < 5 ? 700 : 1500);
    const r = await allPhotos(needId).catch(() => null);
    const p = r?.photos.find((x) => x.id === photoId);
    if (p && (p.state === 'READY' || p.state === 'FAILED')) return p;
  }
  return null;
}
