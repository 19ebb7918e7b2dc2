// The labeling page: asks the queue for the next example, renders it for its modality, and sends
// the labeler's answer on a key press. Keys: 1-9 labels, u uncertain, s skip, z undo, r replay,
// + / - zoom, c comment. A labeler never sees anyone else's labels: the API does not send them.
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
  let current = null;
  let shownAt = 0;
  let busy = false;
  let zoom = 1;
  const history = [];
  const skipped = [];

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

  function shown() {
    shownAt = performance.now();
    busy = false;
    document.dispatchEvent(new CustomEvent('concord:shown', { detail: { key: current && current.key } }));
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

  function render(item) {
    current = item;
    comment.value = '';
    zoom = 1;
    document.getElementById('example-key').textContent = item.key;
    document.getElementById('example-round').textContent = item.round > 1 ? 'consistency round ' + item.round : '';
    exampleBox.replaceChildren();
    if (item.modality === 'image') {
      const frame = el('div', { class: 'image-frame' });
      const img = el('img', { src: item.mediaUrl, alt: 'Example ' + item.key, class: 'example-image' });
      img.addEventListener('load', shown, { once: true });
      img.addEventListener('error', () => { say('The image could not be loaded.', true); shown(); }, { once: true });
      frame.appendChild(img);
      exampleBox.appendChild(frame);
    } else if (item.modality === 'audio') {
      const audio = el('audio', { src: item.mediaUrl, controls: '', preload: 'auto', class: 'example-audio' });
      const canvas = el('canvas', { width: '800', height: '120', class: 'waveform', 'aria-hidden': 'true' });
      exampleBox.appendChild(canvas);
      exampleBox.appendChild(audio);
      drawWaveform(item.mediaUrl, canvas);
      audio.play().catch(() => {});
      shown();
    } else if (item.modality === 'text') {
      exampleBox.appendChild(el('div', { class: 'text-example' }, item.text));
      if (item.data && Object.keys(item.data).length) exampleBox.appendChild(table(item.data));
      shown();
    } else {
      exampleBox.appendChild(table(item.data));
      shown();
    }
    refreshProgress();
  }

  // Progress is fetched on the side, so counting never delays the next example.
  function refreshProgress() {
    fetch(api + '/progress/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => r.ok ? r.json() : null).then(progress).catch(() => {});
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

  // Nothing left for me: the "done" state.
  function finished() {
    current = null;
    busy = false;
    document.getElementById('example').hidden = true;
    document.getElementById('answer').hidden = true;
    document.getElementById('done').hidden = false;
    refreshProgress();
    document.dispatchEvent(new CustomEvent('concord:shown', { detail: { key: null } }));
  }

  function skipQuery(prefix) {
    return skipped.length ? prefix + 'skip=' + encodeURIComponent(skipped.join(',')) : '';
  }

  function next() {
    busy = true;
    return fetch(api + '/queue/next' + skipQuery('?'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => {
        if (r.status === 204) return finished();
        if (!r.ok) return r.json().then(e => { throw new Error(e.message); });
        return r.json().then(render);
      })
      .catch(e => { busy = false; say(e.message || 'Could not load the next example.', true); });
  }

  function answer(label) {
    if (!current || busy) return;
    busy = true;
    const item = current;
    const body = { label: label, durationMs: Math.round(performance.now() - shownAt) };
    if (comment.value.trim()) body.comment = comment.value.trim();
    // One request stores the label and brings the next example (?next=true).
    fetch(api + '/examples/' + encodeURIComponent(item.key) + '/labels/me?next=true' + skipQuery('&'), {
      method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(r => {
      if (!r.ok) return r.json().then(e => { throw new Error(e.message); });
      history.push(item.key);
      undoButton.disabled = false;
      say('Saved "' + label + '" for ' + item.key + '.');
      return r.json().then(saved => saved.next ? render(saved.next) : finished());
    }).catch(e => { busy = false; say(e.message || 'The label was not saved.', true); });
  }

  function undo() {
    if (busy || !history.length) return;
    busy = true;
    const key = history.pop();
    undoButton.disabled = history.length === 0;
    fetch(api + '/examples/' + encodeURIComponent(key) + '/labels/me', { method: 'DELETE', credentials: 'same-origin' })
      .then(r => {
        if (!r.ok && r.status !== 204) return r.json().then(e => { throw new Error(e.message); });
        if (current) {
          return fetch(api + '/examples/' + encodeURIComponent(current.key) + '/skip', { method: 'POST', credentials: 'same-origin' });
        }
      })
      .then(() => {
        document.getElementById('example').hidden = false;
        document.getElementById('answer').hidden = false;
        document.getElementById('done').hidden = true;
        say('Your label for ' + key + ' was taken back; label it again.');
        return next();
      })
      .catch(e => { busy = false; say(e.message || 'Could not undo.', true); });
  }

  function skip() {
    if (!current || busy) return;
    busy = true;
    const key = current.key;
    skipped.push(key);
    fetch(api + '/examples/' + encodeURIComponent(key) + '/skip', { method: 'POST', credentials: 'same-origin' })
      .then(() => { say('Skipped ' + key + '.'); return next(); })
      .catch(() => { busy = false; });
  }

  function setZoom(factor) {
    const img = exampleBox.querySelector('.example-image');
    if (!img) return;
    zoom = Math.min(4, Math.max(1, zoom * factor));
    img.classList.toggle('zoomed', zoom > 1);
    img.dataset.zoom = String(zoom);
    // CSSOM changes are allowed by the content security policy (style attributes in markup are not).
    img.style.width = zoom > 1 ? (zoom * 100) + '%' : '';
  }

  document.querySelectorAll('.label-button').forEach(b => b.addEventListener('click', () => answer(b.dataset.label)));
  document.getElementById('skip').addEventListener('click', skip);
  undoButton.addEventListener('click', undo);
  const replay = document.getElementById('replay');
  if (replay) replay.addEventListener('click', () => { const a = exampleBox.querySelector('audio'); if (a) { a.currentTime = 0; a.play(); } });
  const zoomButton = document.getElementById('zoom');
  if (zoomButton) zoomButton.addEventListener('click', () => setZoom(zoom >= 4 ? 0.1 : 1.5));

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
    else if (k === '-') { event.preventDefault(); setZoom(1 / 1.5); }
  });

  next();
})();
