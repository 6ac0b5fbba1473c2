'use strict';
// Console users (HR admins only): list, add, delete.
(() => {
  const {api, el, when, problems} = Herald;

  async function load(session) {
    const answer = await api('GET', 'users');
    if (!answer.ok) {
      document.querySelector('#users tbody').replaceChildren(el('tr', {},
        el('td', {colspan: 4, class: 'empty'}, 'Only HR admins see the users.')));
      return;
    }
    document.querySelector('#users tbody').replaceChildren(...answer.json.map(user =>
      el('tr', {}, el('td', {}, user.username), el('td', {}, el('span', {class: 'badge'},
        user.role)), el('td', {}, when(user.createdAt)),
      el('td', {}, user.username === session.username ? '' : el('button', {type: 'button',
        class: 'small danger', onclick: () => remove(user.username, session)}, 'Delete')))));
  }

  async function remove(username, session) {
    if (!window.confirm('Delete the user ' + username + '?')) {
      return;
    }
    const answer = await api('DELETE', 'users/' + encodeURIComponent(username));
    document.getElementById('user-result').replaceChildren(answer.ok ? '' : problems(answer));
    await load(session);
  }

  Herald.start(async session => {
    const form = document.getElementById('user-form');
    if (form) {
      form.addEventListener('submit', async event => {
        event.preventDefault();
        const answer = await api('POST', 'users', {
          username: document.getElementById('new-username').value.trim(),
          password: document.getElementById('new-password').value,
          role: document.getElementById('new-role').value});
        document.getElementById('user-result').replaceChildren(answer.ok
          ? el('div', {class: 'message ok'}, 'User ' + answer.json.username + ' added.')
          : problems(answer));
        if (answer.ok) {
          form.reset();
        }
        await load(session);
      });
    }
    await load(session);
  });
})();
