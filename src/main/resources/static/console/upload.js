// Upload: each file goes to POST /v1/ingest, then its row is polled until it has an outcome.
'use strict';

(() => {
  const form = document.getElementById('upload');
  const input = document.getElementById('files');
  const rows = document.getElementById('uploads');
  const POLL_MS = 1000;

  function row(file) {
    const tr = document.createElement('tr');
    const cells = ['name', 'item', 'status', 'message'].map((name) => {
      const td = document.createElement('td');
      td.className = name;
      return td;
    });
    cells[0].textContent = file.name;
    cells[2].textContent = 'uploading';
    tr.append(...cells);
    rows.append(tr);
    return { tr, item: cells[1], status: cells[2], message: cells[3] };
  }

  function show(view, status, message) {
    view.status.textContent = status;
    view.tr.dataset.status = status;
    view.message.textContent = message || '';
  }

  async function poll(view, url) {
    const result = await window.consoleApi.send(url);
    if (!result.ok) {
      show(view, 'error', window.consoleApi.problem(result));
      return;
    }
    show(view, result.body.status, result.body.ragMessage);
    if (result.status === 202) {
      setTimeout(() => poll(view, url), POLL_MS);
    }
  }

  async function upload(file) {
    const view = row(file);
    const body = new FormData();
    body.append('file', file, file.name);
    const result = await window.consoleApi.send(form.dataset.ingest, { method: 'POST', body });
    if (result.status === 202) {
      const a = document.createElement('a');
      a.href = '/items/' + result.body.itemId;
      a.textContent = result.body.itemId;
      view.item.append(a);
      show(view, 'queued');
      poll(view, result.body.statusUrl);
    } else if (result.ok) {
      show(view, result.body.status, 'same content as the active version of document ' + result.body.documentId);
    } else {
      show(view, 'refused', window.consoleApi.problem(result));
    }
  }

  function uploadAll(files) {
    Array.from(files).forEach(upload);
  }

  input.addEventListener('change', () => {
    uploadAll(input.files);
    input.value = '';
  });
  form.addEventListener('dragover', (event) => {
    event.preventDefault();
    form.classList.add('over');
  });
  form.addEventListener('dragleave', () => form.classList.remove('over'));
  form.addEventListener('drop', (event) => {
    event.preventDefault();
    form.classList.remove('over');
    uploadAll(event.dataTransfer.files);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
})();
