// The labeling page: asks the queue for the next example, renders it for its modality, and sends
// the labeler's answer on a key press. Keys: 1-9 labels, u uncertain, s skip, z undo, r replay,
// + / - zoom (arrows pan while zoomed, else scroll a long example), c comment. A labeler never sees
// anyone else's labels: the API does not send them.
//
// Requests run one after another (a chain), so an undo pressed while an answer is on its way or the
// next example is loading waits its turn instead of being dropped. Once an example is on screen the
// page asks the queue for the one after it (the queue hands a labeler the leases they hold first, so
// the answer's ?next=true brings that one) and fetches its media, so a big picture is already in the
// browser when the key is pressed. An answer refused with 401 (the session ended) is kept in this
// tab's sessionStorage and sent when the labeler comes back after logging in again.
(function () {
  const root = document.getElementById('labeler');
  if (!root) return;
  const slug = root.dataset.slug;
  const labels = JSON.parse(root.dataset.labels);
  const api = '/api/projects/' + encodeURIComponent(slug);
  const exampleBox = document.getElementById('example');
  const comment = document.getElementById('comment');
  const status = document.getElementById('status');
  const undoButton = document.getElementById('undo');
  const zoomLevel = document.getElementById('zoom-level');
  const unsentKey = 'concord.unsent.' + slug;
  const json = { credentials: 'same-origin', headers: { Accept: 'application/json' } };
  const ZOOM_MAX = 8;

  let current = null;   // the example on screen (or loading)
  let ready = false;    // current is on screen: it may be answered
  let answering = false; // an answer for current is on its way
  let shownAt = 0;
  let zoom = 1;
  let ahead = null;     // { after: key, item, media } the example after current, fetched ahead
  let undoing = 0;      // undos waiting in the chain: no answer until they are done
  let sessionEnded = false;
  let chain = Promise.resolve();
  const history = [];
  const skipped = [];

  /** An API refusal: the server's sentence, and the status (401 means the session ended). */
  class Refused extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  function refused(r) {
    return r.json().catch(() => ({})).then(e => { throw new Refused(r.status, e.message || 'The server refused (' + r.status + ').'); });
  }

  function enqueue(work) {
    chain = chain.then(work).catch(failed);
    return chain;
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function say(message, error) {
    status.textContent = message || '';
    status.classList.toggle('field-error', !!error);
  }

  function failed(e) {
    if (e instanceof Refused && e.status === 401) return endSession();
    say(e.message || 'Something went wrong; try again.', true);
  }

  function endSession() {
    sessionEnded = true;
    const next = location.pathname + location.search;
    const link = el('a', { href: '/login?next=' + encodeURIComponent(next), id: 'login-again' }, 'log in again');
    status.replaceChildren(document.createTextNode('Your session ended — '), link,
      document.createTextNode(unsent() ? '. Your answer is kept and will be sent when you come back.' : '.'));
    status.classList.add('field-error');
  }

  function unsent() {
    try { return JSON.parse(sessionStorage.getItem(unsentKey)); } catch (e) { return null; }
  }

  function keepUnsent(answer) {
    try { sessionStorage.setItem(unsentKey, JSON.stringify(answer)); } catch (e) { /* storage full or off: the message still says to log in */ }
  }

  function shown(item) {
    if (item !== current) return; // an example given up (undo) before its picture arrived
    shownAt = performance.now();
    ready = true;
    document.dispatchEvent(new CustomEvent('concord:shown', { detail: { key: item.key } }));
    lookAhead(item);
  }

  function table(data) {
    const t = el('table', { class: 'row-table' });
    const body = el('tbody');
    Object.entries(data || {}).forEach(([k, v]) => {
      const tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, k));
      tr.appendChild(el('td', {}, v));
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  function drawWaveform(url, canvas) {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    fetch(url, { credentials: 'same-origin' }).then(r => r.arrayBuffer()).then(buffer => {
      const ctx = new Ctx();
      return ctx.decodeAudioData(buffer).then(audio => { ctx.close(); return audio; });
    }).then(audio => {
      const data = audio.getChannelData(0);
      const g = canvas.getContext('2d');
      const w = canvas.width, h = canvas.height, step = Math.max(1, Math.floor(data.length / w));
      g.clearRect(0, 0, w, h);
      g.fillStyle = '#2f6fdd';
      for (let x = 0; x < w; x++) {
        let min = 1, max = -1;
        for (let i = x * step; i < Math.min(data.length, (x + 1) * step); i++) {
          if (data[i] < min) min = data[i];
          if (data[i] > max) max = data[i];
        }
        g.fillRect(x, (1 - max) * h / 2, 1, Math.max(1, (max - min) * h / 2));
      }
    }).catch(() => { canvas.hidden = true; });
  }

  /** The picture for an image item: the one fetched and decoded ahead when there is one. */
  function picture(item) {
    const prefetched = ahead && ahead.item && ahead.item.key === item.key && ahead.media instanceof HTMLImageElement ? ahead.media : null;
    const early = prefetched && !(prefetched.complete && prefetched.naturalWidth === 0) ? prefetched : null; // not one that failed
    const img = early || new Image();
    img.className = 'example-image';
    img.alt = 'Example ' + item.key;
    img.draggable = false;
    if (early && early.complete) {
      early.decode().catch(() => {}).then(() => shown(item));
    } else {
      img.addEventListener('load', () => shown(item), { once: true });
      img.addEventListener('error', () => { say('The image could not be loaded.', true); shown(item); }, { once: true });
      if (!early) img.src = item.mediaUrl;
    }
    return img;
  }

  function render(item) {
    current = item;
    ready = false;
    comment.value = '';
    document.getElementById('example-key').textContent = item.key;
    document.getElementById('example-round').textContent = item.round > 1 ? 'consistency round ' + item.round : '';
    exampleBox.replaceChildren();
    exampleBox.scrollTop = 0;
    if (item.modality === 'image') {
      const frame = el('div', { class: 'image-frame', id: 'image-frame' });
      frame.appendChild(picture(item));
      exampleBox.appendChild(frame);
      setZoom(0);
    } else if (item.modality === 'audio') {
      const audio = el('audio', { src: item.mediaUrl, controls: '', preload: 'auto', class: 'example-audio' });
      const canvas = el('canvas', { width: '800', height: '120', class: 'waveform', 'aria-hidden': 'true' });
      exampleBox.appendChild(canvas);
      exampleBox.appendChild(audio);
      drawWaveform(item.mediaUrl, canvas);
      audio.play().catch(() => {});
      shown(item);
    } else if (item.modality === 'text') {
      exampleBox.appendChild(el('div', { class: 'text-example' }, item.text));
      if (item.data && Object.keys(item.data).length) exampleBox.appendChild(table(item.data));
      shown(item);
    } else {
      exampleBox.appendChild(table(item.data));
      shown(item);
    }
    refreshProgress();
  }

  /**
   * Asks the queue for the example after this one (skipping it: the caller then holds both leases)
   * and fetches that example's media, decoding a picture, so the answer's next example is shown at
   * once. A concord:ahead event says when it is in the browser.
   */
  function lookAhead(item) {
    if (ahead && ahead.after === item.key) return;
    const wanted = { after: item.key, item: null, media: null };
    ahead = wanted;
    const arrived = (following) => {
      if (ahead === wanted) document.dispatchEvent(new CustomEvent('concord:ahead', { detail: { after: item.key, key: following } }));
    };
    fetch(api + '/queue/next?skip=' + encodeURIComponent(skipped.concat([item.key]).join(',')), json).then(r => {
      if (r.status !== 200) return arrived(null); // 204: nothing after this one; a refusal is met again on the next request
      return r.json().then(following => {
        if (ahead !== wanted || following.key === item.key) return;
        wanted.item = following;
        if (!following.mediaUrl) return arrived(following.key);
        if (following.modality === 'image') {
          const img = new Image();
          img.decoding = 'async';
          img.src = following.mediaUrl;
          wanted.media = img;
          return img.decode().catch(() => {}).then(() => arrived(following.key));
        }
        wanted.media = fetch(following.mediaUrl, { credentials: 'same-origin' }).then(m => m.blob()).catch(() => null);
        return wanted.media.then(() => arrived(following.key));
      });
    }).catch(() => {});
  }

  // Progress is fetched on the side, so counting never delays the next example.
  function refreshProgress() {
    fetch(api + '/progress/me', json).then(r => r.ok ? r.json() : null).then(progress).catch(() => {});
  }

  function progress(p) {
    if (!p) return;
    const mine = document.getElementById('my-progress');
    mine.value = p.examples ? Math.round(100 * p.myLabels / p.examples) : 0;
    document.getElementById('my-count').textContent = p.myLabels;
    const project = document.getElementById('project-progress');
    project.value = p.labelsNeeded ? Math.round(100 * p.labels / p.labelsNeeded) : 0;
    document.getElementById('project-count').textContent = p.completeExamples + ' / ' + p.examples + ' complete';
  }

  function showWork(visible) {
    document.getElementById('example').hidden = !visible;
    document.getElementById('answer').hidden = !visible;
    document.getElementById('done').hidden = visible;
  }

  // Nothing left for me: the "done" state.
  function finished() {
    current = null;
    ready = false;
    ahead = null;
    showWork(false);
    refreshProgress();
    document.dispatchEvent(new CustomEvent('concord:shown', { detail: { key: null } }));
  }

  function skipQuery(prefix) {
    return skipped.length ? prefix + 'skip=' + encodeURIComponent(skipped.join(',')) : '';
  }

  function next() {
    return fetch(api + '/queue/next' + skipQuery('?'), json).then(r => {
      if (r.status === 204) return finished();
      if (!r.ok) return refused(r);
      return r.json().then(item => { showWork(true); render(item); });
    });
  }

  /** Stores an answer; with the next example in the same request, which is then rendered. */
  function send(answer) {
    const body = { label: answer.label, durationMs: answer.durationMs };
    if (answer.comment) body.comment = answer.comment;
    return fetch(api + '/examples/' + encodeURIComponent(answer.key) + '/labels/me?next=true' + skipQuery('&'), {
      method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(r => {
      if (!r.ok) return refused(r);
      history.push(answer.key);
      undoButton.disabled = false;
      return r.json().then(saved => {
        if (saved.next) { showWork(true); render(saved.next); } else finished();
      });
    });
  }

  function answer(label) {
    if (!current) return;
    const unsentAnswer = { key: current.key, label: label, comment: comment.value.trim(), durationMs: Math.round(performance.now() - shownAt) };
    if (sessionEnded) {
      // No request can succeed now; the latest answer is the one sent after the login.
      keepUnsent(unsentAnswer);
      endSession();
      return;
    }
    if (!ready || answering || undoing) return;
    answering = true;
    ready = false;
    enqueue(() => send(unsentAnswer).then(
      () => { say('Saved "' + label + '" for ' + unsentAnswer.key + '.'); },
      e => {
        if (e instanceof Refused && e.status === 401) keepUnsent(unsentAnswer);
        else ready = true; // refused for a reason the labeler can act on: the example stays answerable
        throw e;
      })).finally(() => { answering = false; });
  }

  /** After logging in again: the answer the ended session refused is sent first. */
  function sendUnsent(kept) {
    return send(kept).then(() => {
      sessionStorage.removeItem(unsentKey);
      say('Your answer "' + kept.label + '" for ' + kept.key + ', kept while you logged in again, is saved.');
    }, e => {
      if (e instanceof Refused && e.status === 401) throw e;
      sessionStorage.removeItem(unsentKey);
      say('Your answer "' + kept.label + '" for ' + kept.key + ' (kept while you logged in again) was not saved: ' + e.message, true);
      return next();
    });
  }

  function undo() {
    if (sessionEnded || (!history.length && !answering)) return;
    undoing++;
    enqueue(() => {
      if (!history.length) return;
      const key = history.pop();
      const wasReady = ready;
      ready = false;
      return fetch(api + '/examples/' + encodeURIComponent(key) + '/labels/me', { method: 'DELETE', credentials: 'same-origin' }).then(r => {
        if (!r.ok) { history.push(key); ready = wasReady; return refused(r); }
        undoButton.disabled = history.length === 0;
        // The examples held on screen and ahead are given back, so the queue hands out the undone one again.
        const held = [...new Set([current, ahead && ahead.item].filter(Boolean).map(i => i.key))].filter(k => k !== key);
        current = null;
        ahead = null;
        return Promise.all(held.map(k => fetch(api + '/examples/' + encodeURIComponent(k) + '/skip', { method: 'POST', credentials: 'same-origin' })))
          .then(() => {
            say('Your label for ' + key + ' was taken back; label it again.');
            return next();
          });
      });
    }).finally(() => { undoing--; });
  }

  function skip() {
    if (!current || !ready || answering || undoing || sessionEnded) return;
    ready = false;
    const key = current.key;
    skipped.push(key);
    enqueue(() => fetch(api + '/examples/' + encodeURIComponent(key) + '/skip', { method: 'POST', credentials: 'same-origin' })
      .then(r => {
        if (!r.ok) return refused(r);
        say('Skipped ' + key + '.');
        return next();
      }));
  }

  // ---- zoom and pan (images) ----
  function frame() { return document.getElementById('image-frame'); }

  /** factor 0 fits the picture again; otherwise zooms about the centre of what is in view. */
  function setZoom(factor) {
    const f = frame();
    const img = f && f.querySelector('.example-image');
    if (!img) return;
    const before = zoom;
    zoom = factor === 0 ? 1 : Math.min(ZOOM_MAX, Math.max(1, zoom * factor));
    if (zoomLevel) zoomLevel.textContent = zoom > 1 ? Math.round(zoom * 100) + ' % · drag or arrow keys to move' : 'fit';
    if (zoom === 1) {
      f.classList.remove('zoomed');
      img.classList.remove('zoomed');
      // CSSOM changes are allowed by the content security policy (style attributes in markup are not).
      img.style.width = '';
      f.style.height = '';
      return;
    }
    const centreX = before > 1 ? (f.scrollLeft + f.clientWidth / 2) / f.scrollWidth : 0.5;
    const centreY = before > 1 ? (f.scrollTop + f.clientHeight / 2) / f.scrollHeight : 0.5;
    if (before === 1) {
      f.dataset.fitWidth = String(img.getBoundingClientRect().width || img.naturalWidth);
      f.style.height = Math.max(f.clientHeight, 200) + 'px';
    }
    f.classList.add('zoomed');
    img.classList.add('zoomed');
    img.style.width = Math.round(Number(f.dataset.fitWidth) * zoom) + 'px';
    f.scrollLeft = centreX * f.scrollWidth - f.clientWidth / 2;
    f.scrollTop = centreY * f.scrollHeight - f.clientHeight / 2;
  }

  function pan(dx, dy) {
    const f = frame();
    if (f) f.scrollBy(dx * f.clientWidth, dy * f.clientHeight);
  }

  exampleBox.addEventListener('pointerdown', (event) => {
    const f = frame();
    if (!f || zoom === 1 || !f.contains(event.target)) return;
    event.preventDefault();
    const start = { x: event.clientX, y: event.clientY, left: f.scrollLeft, top: f.scrollTop };
    f.setPointerCapture(event.pointerId);
    f.classList.add('dragging');
    const move = (e) => { f.scrollLeft = start.left - (e.clientX - start.x); f.scrollTop = start.top - (e.clientY - start.y); };
    const stop = () => {
      f.classList.remove('dragging');
      f.removeEventListener('pointermove', move);
      f.removeEventListener('pointerup', stop);
      f.removeEventListener('pointercancel', stop);
    };
    f.addEventListener('pointermove', move);
    f.addEventListener('pointerup', stop);
    f.addEventListener('pointercancel', stop);
  });

  document.querySelectorAll('.label-button').forEach(b => b.addEventListener('click', () => answer(b.dataset.label)));
  document.getElementById('skip').addEventListener('click', skip);
  undoButton.addEventListener('click', undo);
  const replay = document.getElementById('replay');
  if (replay) replay.addEventListener('click', () => { const a = exampleBox.querySelector('audio'); if (a) { a.currentTime = 0; a.play(); } });
  const zoomButton = document.getElementById('zoom');
  if (zoomButton) zoomButton.addEventListener('click', () => setZoom(zoom >= ZOOM_MAX ? 0 : 1.5));

  const arrows = { ArrowLeft: [-0.2, 0], ArrowRight: [0.2, 0], ArrowUp: [0, -0.2], ArrowDown: [0, 0.2] };

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target === comment) {
      if (event.key === 'Escape') comment.blur();
      return;
    }
    const k = event.key;
    if (k >= '1' && k <= '9') {
      const label = labels[Number(k) - 1];
      if (label !== undefined) { event.preventDefault(); answer(label); }
    } else if (k === 'u') { event.preventDefault(); answer(document.querySelector('.label-button.uncertain').dataset.label); }
    else if (k === 's') { event.preventDefault(); skip(); }
    else if (k === 'z' || k === 'Backspace') { event.preventDefault(); undo(); }
    else if (k === 'c') { event.preventDefault(); comment.focus(); }
    else if (k === 'r' && replay) { event.preventDefault(); replay.click(); }
    else if (k === '+' || k === '=') { event.preventDefault(); setZoom(1.5); }
    else if (k === '-') { event.preventDefault(); setZoom(zoom / 1.5 <= 1 ? 0 : 1 / 1.5); }
    else if (arrows[k] && zoom > 1 && frame()) { event.preventDefault(); pan(arrows[k][0], arrows[k][1]); }
    else if ((k === 'ArrowDown' || k === 'ArrowUp') && exampleBox.scrollHeight > exampleBox.clientHeight) {
      // A long example scrolls inside its box; the answer bar stays where it is.
      event.preventDefault();
      exampleBox.scrollBy(0, (k === 'ArrowDown' ? 0.4 : -0.4) * exampleBox.clientHeight);
    }
  });

  const kept = unsent();
  enqueue(() => kept && kept.key && kept.label ? sendUnsent(kept) : next());
})();
