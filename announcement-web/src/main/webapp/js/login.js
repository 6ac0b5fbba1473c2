'use strict';
// The login form: posts the credentials to api/session and opens the console on success.
document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('error');
  error.classList.add('hidden');
  const response = await fetch('api/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
    body: new URLSearchParams({username: form.username.value, password: form.password.value})
  });
  if (response.ok) {
    window.location.href = 'index.html';
  } else {
    error.textContent = response.status === 401 ? 'Wrong username or password.'
      : 'Login failed (HTTP ' + response.status + ').';
    error.classList.remove('hidden');
    form.password.value = '';
    form.password.focus();
  }
});
