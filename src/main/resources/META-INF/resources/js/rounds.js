// The consistency round form (tags/roundform.html): Preview asks the API what the round would
// re-queue (dryRun=true, nothing changes); "Start the round" sends the very same body, seed
// included, so the random sample started is the one previewed. Any change of the options asks
// for a new preview first.
(function () {
  'use strict';
  const box = document.getElementById('round-form');
  if (!box) return;
  const api = box.dataset.api;
  const options = document.getElementById('round-options');
  const size = document.getElementById('round-sample-size');
  const start = document.getElementById('round-start');
  const status = document.getElementById('round-status');
  let previewed = null;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  function plural(n) {
    return n + (n === 1 ? ' example' : ' examples');
  }

  function keysText(keys) {
    const shown = keys.slice(0, 8).join(', ');
    return keys.length > 8 ? shown + ' and ' + (keys.length - 8) + ' more' : shown;
  }

  function send(body, dryRun) {
    return fetch(api + (dryRun ? '?dryRun=true' : ''), {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(r => r.json().catch(() => ({})).then(json => ({ ok: r.ok, status: r.status, json })));
  }

  function failure(answer) {
    if (answer.status === 401) return 'Your session has ended: log in again, then preview the round.';
    return (answer.json && answer.json.message) || 'The server refused the round (' + answer.status + ').';
  }

  function invalidate() {
    previewed = null;
    start.disabled = true;
    say('');
  }

  options.addEventListener('change', invalidate);
  size.addEventListener('input', invalidate);

  options.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { examples: options.elements.examples.value, seed: Math.floor(Math.random() * 2147483647) };
    if (body.examples !== 'disputed') body.sampleSize = size.value === '' ? null : Number(size.value);
    invalidate();
    say('Counting…');
    send(body, true).then(answer => {
      if (!answer.ok) { say(failure(answer), true); return; }
      const n = answer.json.examples;
      if (n === 0) { say('No example matches: this round would re-queue nothing.'); return; }
      previewed = body;
      start.disabled = false;
      say('This round re-queues ' + plural(n) + ': ' + keysText(answer.json.keys) + '. Start it to send them back to the labelers.');
    }).catch(() => say('The server could not be reached; try again.', true));
  });

  start.addEventListener('click', () => {
    if (!previewed) return;
    const body = previewed;
    start.disabled = true;
    send(body, false).then(answer => {
      previewed = null;
      if (!answer.ok) { say(failure(answer), true); return; }
      say('Round started: ' + plural(answer.json.examples) + ' re-queued for labeling.');
    }).catch(() => say('The server could not be reached; the round may not have started.', true));
  });
})();
