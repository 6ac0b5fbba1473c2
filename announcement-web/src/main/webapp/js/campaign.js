'use strict';
// One campaign: live progress (polled every 2 s while it runs), counts per state, the
// recipients by state or search page by page, the UNKNOWN deliveries to decide, cancel and send
// now, pause and resume.
(() => {
  const {api, el, badge, progress, progressBar, stateChart, when, problems, isAdmin, STATES} =
    Herald;
  const id = Number(Herald.param('id'));
  const PAGE_SIZE = 25;
  let filter = '';
  let search = '';
  let cursors = [0];
  let campaign = null;
  let timer = null;

  async function loadCampaign() {
    const answer = await api('GET', 'campaigns/' + id);
    if (!answer.ok) {
      document.getElementById('notice').replaceChildren(problems(answer));
      return;
    }
    campaign = answer.json;
    renderCampaign();
  }

  function renderCampaign() {
    const counts = campaign.deliveries || {};
    const percent = progress(campaign);
    document.getElementById('title').textContent = campaign.name;
    document.title = 'Herald · ' + campaign.name;
    document.getElementById('status').replaceChildren(badge(campaign.status),
      campaign.finished ? ' ' : '', campaign.finished ? badge('FINISHED') : '');
    document.getElementById('schedule').textContent = 'Scheduled ' + when(campaign.scheduledAt);
    document.getElementById('finished').textContent = campaign.dispatchedAt
      ? 'Dispatched ' + when(campaign.dispatchedAt) : '';
    document.getElementById('progress-holder').replaceChildren(
      percent === null ? el('p', {class: 'muted'}, 'Cancelled ' + when(campaign.cancelledAt))
        : progressBar(percent, true));
    document.getElementById('progress-label').textContent = percent === null ? ''
      : percent + '% of ' + campaign.recipients + ' recipients settled';
    document.getElementById('counts').replaceChildren(
      el('div', {class: 'stat'}, el('div', {class: 'label'}, 'Recipients'),
        el('div', {class: 'value', id: 'count-recipients'}, campaign.recipients)),
      ...STATES.map(state => el('div', {class: 'stat'}, el('div', {class: 'label'}, state),
        el('div', {class: 'value', id: 'count-' + state}, counts[state] || 0))));
    document.getElementById('chart').replaceChildren(stateChart(counts));
    const audience = campaign.audience.type === 'ALL' ? 'everyone'
      : campaign.audience.type.toLowerCase() + ': ' + campaign.audience.values.join(', ');
    document.getElementById('details').textContent = 'Template ' + campaign.template + ' ('
      + campaign.language + ') · parameters ' + JSON.stringify(campaign.parameters)
      + ' · audience ' + audience + ' · unknown outcomes: ' + campaign.unknownPolicy;
    const scheduled = campaign.status === 'SCHEDULED';
    const sendNow = document.getElementById('send-now');
    const cancel = document.getElementById('cancel');
    if (sendNow) {
      sendNow.classList.toggle('hidden', !scheduled);
      cancel.classList.toggle('hidden', !scheduled);
    }
    const pauseResume = document.getElementById('pause-resume');
    if (pauseResume && pauseResume.dataset.action !== String(HeraldPause.action(campaign))) {
      // Rebuilt only when the action changes, so a poll never swaps a button being clicked.
      pauseResume.dataset.action = String(HeraldPause.action(campaign));
      pauseResume.replaceChildren(HeraldPause.button(campaign, paused) || '');
    }
    document.getElementById('paused').textContent = campaign.status === 'PAUSED'
      ? 'Paused ' + when(campaign.pausedAt) + '; held deliveries wait for the resume' : '';
  }

  async function paused(answer, which) {
    document.getElementById('notice').replaceChildren(answer.ok
      ? el('div', {class: 'message ok'}, which === 'pause' ? 'Campaign paused.'
        : 'Campaign resumed.')
      : problems(answer));
    await refresh();
    schedulePolling();
  }

  function detail(delivery) {
    if (delivery.errorCode) {
      return delivery.errorCode + ' ' + (delivery.reason || '');
    }
    return delivery.reason || delivery.wamid || '';
  }

  async function loadRecipients() {
    const after = cursors[cursors.length - 1];
    const answer = await api('GET', 'campaigns/' + id + '/deliveries?limit=' + PAGE_SIZE
      + '&after=' + after + (filter ? '&status=' + filter : '')
      + (search ? '&q=' + encodeURIComponent(search) : ''));
    const rows = answer.ok ? answer.json : [];
    document.querySelector('#recipients tbody').replaceChildren(...(rows.length === 0
      ? [el('tr', {}, el('td', {colspan: 6, class: 'empty'}, 'No recipients here.'))]
      : rows.map(delivery => el('tr', {'data-delivery': delivery.id},
        el('td', {}, delivery.employeeId), el('td', {}, delivery.name),
        el('td', {}, delivery.phone), el('td', {}, badge(delivery.status)),
        el('td', {class: 'num'}, delivery.attempts),
        el('td', {class: 'muted detail', title: detail(delivery)}, detail(delivery))))));
    document.getElementById('previous').disabled = cursors.length === 1;
    document.getElementById('next').disabled = rows.length < PAGE_SIZE;
    document.getElementById('next').dataset.last = rows.length ? rows[rows.length - 1].id : '';
    document.getElementById('page-label').textContent = 'Page ' + cursors.length;
  }

  async function loadUnknown() {
    const answer = await api('GET', 'campaigns/' + id + '/deliveries?status=UNKNOWN&limit=100');
    const rows = answer.ok ? answer.json : [];
    document.getElementById('unknown-card').classList.toggle('hidden', rows.length === 0);
    document.querySelector('#unknown tbody').replaceChildren(...rows.map(delivery =>
      el('tr', {'data-unknown': delivery.id},
        el('td', {}, delivery.employeeId + ' · ' + delivery.name), el('td', {}, delivery.phone),
        el('td', {}, when(delivery.unknownSince)
          + (delivery.awaitingDecision ? ' (window passed)' : '')),
        el('td', {class: 'muted detail', title: detail(delivery)}, detail(delivery)),
        el('td', {}, isAdmin() ? el('div', {class: 'actions'},
          el('button', {type: 'button', class: 'small secondary resend',
            onclick: () => decide(delivery, 'resend')}, 'Resend'),
          el('button', {type: 'button', class: 'small mark-sent',
            onclick: () => decide(delivery, 'mark-sent')}, 'Mark sent')) : ''))));
  }

  async function decide(delivery, action) {
    const question = action === 'resend'
      ? 'Send the message to ' + delivery.name + ' again? If the first one did arrive, they'
        + ' will get it twice.'
      : 'Record that the message to ' + delivery.name + ' arrived? It will not be sent again.';
    if (!window.confirm(question)) {
      return;
    }
    const answer = await api('POST', 'deliveries/' + delivery.id + '/' + action);
    document.getElementById('notice').replaceChildren(answer.ok
      ? el('div', {class: 'message ok'}, (action === 'resend' ? 'Resent to ' : 'Marked sent: ')
        + delivery.name + '.')
      : problems(answer));
    await refresh();
  }

  async function campaignAction(action, question) {
    if (!window.confirm(question)) {
      return;
    }
    const answer = await api('POST', 'campaigns/' + id + '/' + action);
    document.getElementById('notice').replaceChildren(answer.ok
      ? el('div', {class: 'message ok'}, action === 'cancel' ? 'Campaign cancelled.'
        : 'Dispatch started.')
      : problems(answer));
    await refresh();
    schedulePolling();
  }

  async function refresh() {
    await loadCampaign();
    await Promise.all([loadRecipients(), loadUnknown()]);
  }

  function schedulePolling() {
    window.clearInterval(timer);
    const running = campaign && !campaign.finished && campaign.status !== 'CANCELLED';
    timer = window.setInterval(async () => {
      await refresh();
      if (campaign.finished || campaign.status === 'CANCELLED') {
        window.clearInterval(timer);
      }
    }, running ? 2000 : 15000);
  }

  function renderFilters() {
    document.getElementById('filters').replaceChildren(...['', ...STATES].map(state =>
      el('button', {type: 'button', class: state === filter ? 'active' : '',
        'data-filter': state || 'ALL', onclick: () => {
          filter = state;
          cursors = [0];
          renderFilters();
          loadRecipients();
        }}, state || 'All')));
  }

  Herald.start(async () => {
    if (Herald.param('created')) {
      document.getElementById('notice').replaceChildren(el('div', {class: 'message ok'},
        'Campaign created.'));
    }
    renderFilters();
    document.getElementById('recipient-search-form').addEventListener('submit', event => {
      event.preventDefault();
      search = document.getElementById('recipient-search').value.trim();
      cursors = [0];
      loadRecipients();
    });
    document.getElementById('next').addEventListener('click', event => {
      cursors.push(Number(event.target.dataset.last));
      loadRecipients();
    });
    document.getElementById('previous').addEventListener('click', () => {
      cursors.pop();
      loadRecipients();
    });
    const sendNow = document.getElementById('send-now');
    if (sendNow) {
      sendNow.addEventListener('click', () => campaignAction('send-now',
        'Start sending this campaign now instead of at its scheduled time?'));
      document.getElementById('cancel').addEventListener('click', () => campaignAction('cancel',
        'Cancel this campaign? Nobody will receive it.'));
    }
    await refresh();
    schedulePolling();
  });
})();
