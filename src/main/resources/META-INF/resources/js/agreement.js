// Agreement dashboard: draws the trend across guide versions and HLP per class with Chart.js.
// Data comes from the page's #agreement-data element (a data- attribute holding JSON, escaped by
// the template like any attribute and read with JSON.parse): no inline script, as CSP requires.
(function () {
  'use strict';

  function data() {
    var holder = document.getElementById('agreement-data');
    if (!holder) return null;
    try {
      return JSON.parse(holder.getAttribute('data-chart'));
    } catch (e) {
      console.warn('agreement: chart data is not JSON', e);
      return null;
    }
  }

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function drawn(canvas) {
    canvas.setAttribute('data-drawn', 'true');
  }

  function trendChart(canvas, points) {
    var labels = points.map(function (p) { return 'v' + p.guideVersion; });
    function series(f) { return points.map(function (p) { var v = f(p); return v === null || v === undefined ? null : v; }); }
    var accent = css('--accent', '#2f6fdd');
    var ok = css('--ok', '#19a974');
    var warn = css('--warn', '#e8a317');
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: labels,
        datasets: [
          { label: 'alpha 95% CI (low)', data: series(function (p) { return p.krippendorffAlphaCI95 && p.krippendorffAlphaCI95[0]; }),
            borderWidth: 0, pointRadius: 0, fill: false, borderColor: 'rgba(47,111,221,0)' },
          { label: 'alpha 95% CI', data: series(function (p) { return p.krippendorffAlphaCI95 && p.krippendorffAlphaCI95[1]; }),
            borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: 'rgba(47,111,221,0.15)', borderColor: 'rgba(47,111,221,0)' },
          { label: "Krippendorff's alpha", data: series(function (p) { return p.krippendorffAlpha; }),
            borderColor: accent, backgroundColor: accent, tension: 0, spanGaps: true },
          { label: 'Percent agreement', data: series(function (p) { return p.percentAgreement; }),
            borderColor: warn, backgroundColor: warn, borderDash: [6, 4], spanGaps: true },
          { label: 'HLP', data: series(function (p) { return p.hlp; }),
            borderColor: ok, backgroundColor: ok, spanGaps: true }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { suggestedMin: 0, suggestedMax: 1, title: { display: true, text: 'value' } },
                  x: { title: { display: true, text: 'guide version' } } },
        plugins: {
          legend: { labels: { filter: function (item) { return item.text !== 'alpha 95% CI (low)'; } } },
          tooltip: { callbacks: { afterBody: function (items) {
            var p = points[items[0].dataIndex];
            return p ? p.labels + ' labels on ' + p.examples + ' examples' : '';
          } } }
        }
      }
    });
    drawn(canvas);
  }

  // One guide version with labels: a line through one point says nothing, so its figures are bars.
  function versionBars(canvas, p) {
    var ci = p.krippendorffAlphaCI95;
    var names = ["Krippendorff's alpha" + (ci ? ' (95% CI ' + ci[0].toFixed(2) + '–' + ci[1].toFixed(2) + ')' : ''),
                 'Percent agreement', 'HLP'];
    var colors = [css('--accent', '#2f6fdd'), css('--warn', '#e8a317'), css('--ok', '#19a974')];
    new Chart(canvas, {
      type: 'bar',
      data: { labels: names, datasets: [{ label: 'guide version ' + p.guideVersion,
        data: [p.krippendorffAlpha, p.percentAgreement, p.hlp], backgroundColor: colors }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { suggestedMin: 0, suggestedMax: 1 },
                  x: { title: { display: true, text: 'guide version ' + p.guideVersion + ' (' + p.labels + ' labels on ' + p.examples + ' examples)' } } },
        plugins: { legend: { display: false } }
      }
    });
    canvas.setAttribute('data-single-version', String(p.guideVersion));
    drawn(canvas);
  }

  function hlpChart(canvas, perClass) {
    var labels = Object.keys(perClass);
    var values = labels.map(function (k) { return perClass[k]; });
    var accent = css('--accent', '#2f6fdd');
    new Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: 'HLP (share of labels equal to the reference)', data: values, backgroundColor: accent }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 1 } },
        plugins: { legend: { display: false } }
      }
    });
    drawn(canvas);
  }

  function init() {
    var d = data();
    if (!d || typeof Chart === 'undefined') return;
    var trend = document.getElementById('trend-chart');
    if (trend) {
      var labeled = (d.trend || []).filter(function (p) { return p.labels > 0; });
      if (labeled.length === 1) versionBars(trend, labeled[0]);
      else if (labeled.length > 1) trendChart(trend, d.trend);
    }
    var hlp = document.getElementById('hlp-chart');
    if (hlp) hlpChart(hlp, d.hlpPerClass || {});
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
