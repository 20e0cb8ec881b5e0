// The overview redraws itself from GET /v1/console/overview every few seconds.
'use strict';

(() => {
  const root = document.getElementById('overview');
  const POLL_MS = 3000;
  let throughput = null;
  let outcomes = null;

  function text(tag, value, className) {
    const element = document.createElement(tag);
    element.textContent = value == null ? '' : String(value);
    if (className) element.className = className;
    return element;
  }

  function link(href, value) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = String(value);
    return a;
  }

  function drawQueue(queue) {
    const list = document.getElementById('queue');
    list.replaceChildren(...Object.entries(queue).map(([status, n]) => {
      const li = document.createElement('li');
      li.dataset.status = status;
      const a = link('/items?status=' + encodeURIComponent(status), '');
      a.replaceChildren(text('span', n, 'n'), document.createTextNode(' '), text('span', status));
      li.append(a);
      return li;
    }));
  }

  function duration(seconds) {
    if (seconds == null) return '?';
    if (seconds < 60) return seconds + ' s';
    return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  }

  function drawRunning(running) {
    const box = document.getElementById('running');
    if (!running) {
      box.replaceChildren(text('p', 'No run in progress.'));
      return;
    }
    const p = text('p', '');
    p.append(link('/runs/' + running.runId, 'Run ' + running.runId), document.createTextNode(
      ': ' + running.done + '/' + running.total + ' items, ' + running.chunks + ' chunks, '
      + running.chunksPerSecond + ' chunks/s, ETA ' + duration(running.etaSeconds)));
    const bar = document.createElement('progress');
    bar.max = Math.max(running.total, 1);
    bar.value = running.done;
    bar.setAttribute('aria-label', 'Items done of the run in progress');
    const now = text('p', running.currentFile ? 'Now: ' + running.currentFile : '', 'path');
    box.replaceChildren(p, bar, now);
  }

  function drawFailures(failures) {
    document.getElementById('failures').replaceChildren(...failures.map((f) => {
      const tr = document.createElement('tr');
      const id = document.createElement('td');
      id.append(link('/items/' + f.id, f.id));
      tr.append(id, text('td', f.storagePath, 'path'), text('td', f.status), text('td', f.message), text('td', f.endedAt ? f.endedAt.replace('T', ' ').slice(0, 19) : ''));
      return tr;
    }));
  }

  function drawCharts(runs) {
    if (!window.Chart) return;
    const recent = runs.slice().reverse();
    const labels = recent.map((r) => '#' + r.id);
    const seconds = (r) => Math.max(r.durationMillis / 1000, 0.001);
    const docs = recent.map((r) => r.docsPerMinute);
    const chunks = recent.map((r) => Math.round(r.chunksWritten / seconds(r) * 10) / 10);
    const names = ['indexed', 'unchanged', 'failed', 'download_failed'];
    const colours = ['#2e7d32', '#78909c', '#c62828', '#ef6c00'];
    if (!throughput) {
      throughput = new Chart(document.getElementById('throughput'), {
        type: 'line',
        data: { labels, datasets: [
          { label: 'docs/min', data: docs, yAxisID: 'y', borderColor: '#1565c0' },
          { label: 'chunks/s', data: chunks, yAxisID: 'y1', borderColor: '#6a1b9a' }] },
        options: { animation: false, maintainAspectRatio: false,
          scales: { y: { beginAtZero: true, title: { display: true, text: 'docs/min' } },
            y1: { beginAtZero: true, position: 'right', title: { display: true, text: 'chunks/s' }, grid: { drawOnChartArea: false } } } }
      });
      outcomes = new Chart(document.getElementById('outcomes'), {
        type: 'bar',
        data: { labels, datasets: names.map((name, i) => ({ label: name, backgroundColor: colours[i], data: [] })) },
        options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
      });
    }
    throughput.data.labels = labels;
    throughput.data.datasets[0].data = docs;
    throughput.data.datasets[1].data = chunks;
    outcomes.data.labels = labels;
    names.forEach((name, i) => { outcomes.data.datasets[i].data = recent.map((r) => r.outcomes[name] || 0); });
    throughput.update();
    outcomes.update();
  }

  async function refresh() {
    try {
      const result = await window.consoleApi.send(root.dataset.poll);
      if (result.ok) {
        drawQueue(result.body.queue);
        drawRunning(result.body.running);
        drawFailures(result.body.failures);
        drawCharts(result.body.runs);
        root.dataset.drawn = String(Date.now());
      } else if (result.status === 401) {
        window.location.assign('/login');
        return;
      }
    } finally {
      setTimeout(refresh, POLL_MS);
    }
  }

  refresh();
})();
