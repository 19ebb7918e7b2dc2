// Error analysis: the model's accuracy beside HLP per slice (Chart.js), and "choose all" for the
// contradictions. Data comes from #analysis-data's data- attribute (escaped by the template): no
// inline script, as CSP requires.
(function () {
  'use strict';

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function chart() {
    var holder = document.getElementById('analysis-data');
    var canvas = document.getElementById('gap-chart');
    if (!holder || !canvas || typeof Chart === 'undefined') return;
    var d;
    try {
      d = JSON.parse(holder.getAttribute('data-chart'));
    } catch (e) {
      console.warn('analysis: chart data is not JSON', e);
      return;
    }
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: d.slices,
        datasets: [
          { label: 'Model accuracy', data: d.accuracy, backgroundColor: css('--accent', '#2f6fdd') },
          { label: 'HLP', data: d.hlp, backgroundColor: css('--ok', '#19a974') }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { suggestedMin: 0, max: 1, title: { display: true, text: 'share correct' } } },
        plugins: { tooltip: { callbacks: { label: function (item) {
          return item.dataset.label + ': ' + (item.raw === null ? '—' : (100 * item.raw).toFixed(1) + '%');
        } } } }
      }
    });
    canvas.setAttribute('data-drawn', 'true');
  }

  function chooseAll() {
    var all = document.getElementById('choose-all');
    if (!all) return;
    all.addEventListener('change', function () {
      document.querySelectorAll('#contradiction-table input[name="key"]').forEach(function (box) { box.checked = all.checked; });
    });
  }

  function init() {
    chart();
    chooseAll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
