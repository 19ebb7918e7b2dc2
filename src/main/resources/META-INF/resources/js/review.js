// The SME's review page without the mouse. Keys: 1-9 choose the final label (the project's label
// order), u uncertain, r focus the rationale (Esc leaves it), Ctrl+Enter resolve and go to the next
// case, n / p next / previous case of the open queue, g the label guide. While a text field has the
// focus only Ctrl+Enter and Esc act, so typing a rationale or a comment never changes the answer.
(function () {
  'use strict';
  const form = document.getElementById('resolve-form');
  const rationale = document.getElementById('rationale');
  const guide = document.getElementById('guide-panel');

  function typing(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
    return target.tagName === 'INPUT' && !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(target.type);
  }

  function choose(radio) {
    if (!radio) return;
    radio.checked = true;
    radio.focus();
  }

  function go(id) {
    const link = document.getElementById(id);
    if (link) window.location.assign(link.href);
  }

  document.addEventListener('keydown', (event) => {
    const k = event.key;
    if (k === 'Enter' && (event.ctrlKey || event.metaKey)) {
      if (!form) return;
      event.preventDefault();
      form.requestSubmit(document.getElementById('resolve-next'));
      return;
    }
    if (typing(event.target)) {
      if (k === 'Escape') event.target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (form && k >= '1' && k <= '9') {
      const labels = form.querySelectorAll('input[name=label]:not(.uncertain)');
      const radio = labels[Number(k) - 1];
      if (radio) { event.preventDefault(); choose(radio); }
    } else if (form && k === 'u') {
      event.preventDefault();
      choose(form.querySelector('input[name=label].uncertain'));
    } else if (rationale && k === 'r') {
      event.preventDefault();
      rationale.focus();
      rationale.setSelectionRange(rationale.value.length, rationale.value.length);
    } else if (k === 'n') {
      event.preventDefault();
      go('case-next');
    } else if (k === 'p') {
      event.preventDefault();
      go('case-prev');
    } else if (guide && k === 'g') {
      event.preventDefault();
      guide.scrollIntoView({ block: 'start' });
      guide.focus({ preventScroll: true });
    }
  });
})();
