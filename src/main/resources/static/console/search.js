// The documents page's search box: GET /v1/search, the same ranking as bin/ingest search.
'use strict';

(() => {
  const form = document.getElementById('search');
  const hits = document.getElementById('hits');
  const cost = document.getElementById('search-cost');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = document.getElementById('q').value.trim();
    if (!q) return;
    const k = document.getElementById('k').value;
    cost.textContent = 'Searching…';
    const result = await window.consoleApi.send(form.dataset.search + '?q=' + encodeURIComponent(q) + '&k=' + encodeURIComponent(k));
    if (!result.ok) {
      cost.textContent = 'Search failed: ' + window.consoleApi.problem(result);
      hits.replaceChildren();
      return;
    }
    const body = result.body;
    cost.textContent = body.hits.length + ' passage(s); ' + body.rowsScanned + ' chunks of ' + body.model
      + ' scanned in ' + body.scanMillis + ' ms (' + body.totalMillis + ' ms in all)';
    hits.replaceChildren(...body.hits.map((hit) => {
      const li = document.createElement('li');
      const meta = document.createElement('p');
      meta.className = 'meta';
      const a = document.createElement('a');
      a.href = '/documents/' + hit.documentId;
      a.textContent = hit.documentName;
      const pages = hit.pageStart === hit.pageEnd ? 'page ' + hit.pageStart : 'pages ' + hit.pageStart + '–' + hit.pageEnd;
      meta.append(document.createTextNode(hit.rank + '. '), a,
        document.createTextNode(' · ' + pages + ' · score ' + hit.score.toFixed(3)));
      const passage = document.createElement('p');
      passage.className = 'text';
      passage.textContent = hit.text;
      li.append(meta, passage);
      return li;
    }));
  });
})();
