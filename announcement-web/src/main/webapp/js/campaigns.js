'use strict';
// The campaigns list: status, progress and counts, refreshed every few seconds; an HR admin
// can pause and resume from here.
(() => {
  const {api, el, badge, progress, progressBar, when, problems, isAdmin} = Herald;
  const DUPLICATE_LABELS = {idempotencyKey: 'Repeated create requests',
    campaignClaim: 'Second dispatch claims', processedMessage: 'Messages already processed',
    deliveryState: 'Deliveries already started', statusWebhook: 'Repeated webhooks'};

  function sent(counts) {
    return (counts.SENT || 0) + (counts.DELIVERED || 0) + (counts.READ || 0);
  }

  function row(campaign) {
    const counts = campaign.deliveries || {};
    const percent = progress(campaign);
    return el('tr', {'data-campaign': campaign.id},
      el('td', {}, el('a', {href: 'campaign.html?id=' + campaign.id}, campaign.name),
        el('div', {class: 'muted'}, campaign.template + ' · ' + campaign.language)),
      el('td', {}, badge(campaign.status)),
      el('td', {}, when(campaign.scheduledAt)),
      el('td', {class: 'num'}, campaign.recipients),
      el('td', {}, percent === null ? el('span', {class: 'muted'}, '—')
        : el('div', {}, progressBar(percent), el('div', {class: 'progress-label'}, percent + '%'))),
      el('td', {class: 'num'}, sent(counts)),
      el('td', {class: 'num'}, counts.FAILED || 0),
      el('td', {class: 'num'}, counts.UNKNOWN || 0),
      isAdmin() ? el('td', {}, HeraldPause.button(campaign, paused, true)) : null);
  }

  async function paused(answer, which) {
    document.getElementById('notice').replaceChildren(answer.ok
      ? el('div', {class: 'message ok'}, '"' + answer.json.name + '" '
        + (which === 'pause' ? 'paused.' : 'resumed.'))
      : problems(answer));
    await refresh();
  }

  async function refresh() {
    const answer = await api('GET', 'campaigns?limit=100');
    const body = document.querySelector('#campaigns tbody');
    body.replaceChildren(...(answer.json.length === 0
      ? [el('tr', {}, el('td', {colspan: 9, class: 'empty'}, 'No campaigns yet.'))]
      : answer.json.map(row)));
    const duplicates = await api('GET', 'stats/duplicates');
    document.getElementById('duplicates').replaceChildren(
      ...Object.entries(DUPLICATE_LABELS).map(([key, label]) => el('div', {class: 'stat'},
        el('div', {class: 'label'}, label),
        el('div', {class: 'value', 'data-counter': key}, duplicates.json[key] || 0))));
  }

  Herald.start(async () => {
    await refresh();
    window.setInterval(refresh, 4000);
  });
})();
