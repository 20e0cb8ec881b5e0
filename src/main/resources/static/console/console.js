// Shared by every console page: requests with the CSRF token, and the admin action buttons.
'use strict';

window.consoleApi = (() => {
  // Spring Security's XSRF-TOKEN cookie (readable by design); the login cookie itself is HttpOnly.
  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }

  async function send(url, options = {}) {
    const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
    const token = csrfToken();
    if (token && options.method && options.method !== 'GET') {
      headers['X-XSRF-TOKEN'] = token;
    }
    const response = await fetch(url, Object.assign({}, options, { headers, credentials: 'same-origin' }));
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    return { status: response.status, ok: response.ok, body, location: response.headers.get('Location') };
  }

  // An RFC 9457 problem says what went wrong in "detail".
  function problem(result) {
    return (result.body && (result.body.detail || result.body.title)) || ('HTTP ' + result.status);
  }

  function say(text, isError) {
    const message = document.getElementById('message');
    if (message) {
      message.textContent = text;
      message.classList.toggle('error', !!isError);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('button[data-post]').forEach((button) => {
      button.addEventListener('click', async () => {
        button.disabled = true;
        const result = await send(button.dataset.post, { method: 'POST' });
        if (result.ok) {
          say(button.textContent + ': done. Reloading…');
          setTimeout(() => window.location.reload(), 800);
        } else {
          say(button.textContent + ' refused: ' + problem(result), true);
          button.disabled = false;
        }
      });
    });
  });

  return { send, problem, say };
})();
