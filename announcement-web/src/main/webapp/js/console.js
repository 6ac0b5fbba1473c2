'use strict';
// Shared by every console page: the API call with the session's CSRF token, the navigation,
// the caller's roles, and small rendering helpers. No framework; the pages are plain HTML.
const Herald = (() => {
  const STATES = ['QUEUED', 'HELD', 'SENDING', 'UNKNOWN', 'SENT', 'DELIVERED', 'READ',
    'FAILED'];
  const COLOURS = {QUEUED: '#e0b64c', HELD: '#8a94a6', SENDING: '#f1c96b', UNKNOWN: '#d9534f',
    SENT: '#7cc49a', DELIVERED: '#2a9d7f', READ: '#1f6f5c', FAILED: '#b3261e'};
  const PAGES = [
    ['index.html', 'Campaigns'], ['new.html', 'New campaign', true],
    ['employees.html', 'Employees'], ['audit.html', 'Audit log'], ['users.html', 'Users', true]];
  let session = null;

  async function api(method, path, body, headers) {
    const init = {method, headers: Object.assign({Accept: 'application/json'}, headers || {}),
      credentials: 'same-origin'};
    if (method !== 'GET' && session) {
      init.headers['X-CSRF-Token'] = session.csrfToken;
    }
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      if (!init.headers['Content-Type']) {
        init.headers['Content-Type'] = 'application/json';
      }
    }
    const response = await fetch('api/' + path, init);
    if (response.status === 401 && path !== 'session') {
      window.location.href = 'login.html';
      throw new Error('not logged in');
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    return {status: response.status, ok: response.ok, json, headers: response.headers};
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (key === 'class') {
        node.className = value;
      } else if (key.startsWith('on')) {
        node.addEventListener(key.substring(2), value);
      } else if (value !== undefined && value !== null && value !== false) {
        node.setAttribute(key, value === true ? '' : value);
      }
    });
    children.flat().forEach(child => {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    });
    return node;
  }

  function badge(state) {
    return el('span', {class: 'badge ' + state, 'data-state': state}, state);
  }

  function progress(campaign) {
    const counts = campaign.deliveries || {};
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const pending = (counts.QUEUED || 0) + (counts.HELD || 0) + (counts.SENDING || 0);
    if (campaign.status === 'CANCELLED') {
      return null;
    }
    const recipients = Math.max(campaign.recipients || 0, total);
    if (campaign.finished) {
      return 100;
    }
    return recipients === 0 ? 0 : Math.floor(100 * (total - pending) / recipients);
  }

  function progressBar(percent, big) {
    const bar = el('div', {class: 'progress' + (big ? ' big' : ''), role: 'progressbar',
      'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent || 0});
    bar.append(el('div', {style: null}));
    bar.firstChild.style.width = (percent || 0) + '%';
    return bar;
  }

  function stateChart(counts) {
    const total = STATES.reduce((sum, state) => sum + (counts[state] || 0), 0);
    const chart = el('div', {class: 'chart', title: 'deliveries by state'});
    const legend = el('div', {class: 'legend'});
    STATES.filter(state => counts[state]).forEach(state => {
      const part = el('span', {title: state + ': ' + counts[state]});
      part.style.width = (100 * counts[state] / total) + '%';
      part.style.background = COLOURS[state];
      chart.append(part);
      const key = el('i');
      key.style.background = COLOURS[state];
      legend.append(el('span', {}, key, state + ' ' + counts[state]));
    });
    return total === 0 ? el('p', {class: 'muted'}, 'No deliveries yet.')
      : el('div', {}, chart, legend);
  }

  function when(iso) {
    if (!iso) {
      return '—';
    }
    return new Date(iso).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
  }

  function problems(response) {
    const body = response.json || {};
    const list = body.problems && body.problems.length ? body.problems
      : ['HTTP ' + response.status];
    return el('div', {class: 'message error', role: 'alert'}, el('strong', {}, 'Refused: '),
      el('ul', {}, list.map(problem => el('li', {}, problem))));
  }

  function isAdmin() {
    return session && session.roles.includes('HR_ADMIN');
  }

  function renderShell() {
    const here = window.location.pathname.split('/').pop() || 'index.html';
    const nav = el('nav', {}, PAGES.filter(page => !page[2] || isAdmin()).map(page =>
      el('a', {href: page[0], class: page[0] === here ? 'active' : ''}, page[1])));
    const sidebar = document.getElementById('sidebar');
    sidebar.append(el('div', {class: 'brand'}, 'Herald ', el('span', {}, 'HR')), nav);
    const who = document.getElementById('who');
    who.append('Logged in as ', el('strong', {id: 'username'}, session.username), ' · ',
      el('span', {id: 'role'}, isAdmin() ? 'HR admin' : 'HR viewer (read only)'), ' · ',
      el('a', {href: '#', id: 'logout', onclick: logout}, 'Log out'));
    if (!isAdmin()) {
      document.querySelectorAll('[data-admin]').forEach(node => node.remove());
    }
  }

  async function logout(event) {
    event.preventDefault();
    await api('DELETE', 'session');
    window.location.href = 'login.html';
  }

  async function start(init) {
    const answer = await api('GET', 'session');
    if (answer.status !== 200) {
      window.location.href = 'login.html';
      return;
    }
    session = answer.json;
    renderShell();
    await init(session);
  }

  function param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  return {api, el, badge, progress, progressBar, stateChart, when, problems, isAdmin, start,
    param, STATES};
})();
