// The token is in the URL fragment (#token=...), which browsers never send to a server or in a Referer header.
(function () {
  'use strict';
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') || '';
  const form = document.getElementById('set-password');
  const message = document.getElementById('message');
  if (!token) {
    message.textContent = 'This link is incomplete. Use the link from your email as it is.';
    form.hidden = true;
    return;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/api/auth/set-password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: document.getElementById('password').value }),
    });
    if (response.ok) {
      history.replaceState(null, '', window.location.pathname);
      message.textContent = 'Your password is set and you are signed in.';
      form.hidden = true;
      return;
    }

    const problem = await response.json().catch(() => ({}));
    message.textContent = problem.detail || 'The password could not be set.';
  });
})();
