// New-project form: suggest a slug from the name, and edit the label rows (add, remove, reorder).
// The form works without this script; it only makes editing quicker.
(function () {
  document.documentElement.classList.add('js');
  const form = document.getElementById('new-project');
  if (!form) return;
  const name = document.getElementById('name');
  const slug = document.getElementById('slug');
  let slugTouched = slug.value.length > 0;
  slug.addEventListener('input', () => { slugTouched = true; });
  name.addEventListener('input', () => {
    if (slugTouched) return;
    slug.value = name.value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
  });

  const rows = form.querySelector('.label-rows');
  function renumber() {
    rows.querySelectorAll('.label-row').forEach((row, i) => {
      row.querySelector('.label-key').textContent = i < 9 ? String(i + 1) : '';
      row.querySelector('input[name=labelName]').setAttribute('aria-label', 'Label ' + (i + 1) + ' name');
      row.querySelector('input[name=labelCode]').setAttribute('aria-label', 'Label ' + (i + 1) + ' code');
    });
  }
  rows.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const row = button.closest('.label-row');
    if (button.classList.contains('remove')) {
      if (rows.children.length > 1) row.remove(); else row.querySelectorAll('input').forEach(i => { i.value = ''; });
    } else if (button.classList.contains('move-up') && row.previousElementSibling) {
      rows.insertBefore(row, row.previousElementSibling);
    } else if (button.classList.contains('move-down') && row.nextElementSibling) {
      rows.insertBefore(row.nextElementSibling, row);
    }
    renumber();
  });
  document.getElementById('add-label').addEventListener('click', () => {
    const template = rows.querySelector('.label-row');
    const row = template.cloneNode(true);
    row.querySelectorAll('input').forEach(i => { i.value = ''; i.removeAttribute('aria-invalid'); });
    rows.appendChild(row);
    renumber();
    row.querySelector('input[name=labelName]').focus();
  });
})();
