'use strict';
// The audit trail, 50 events a page, newest first.
(() => {
  const {api, el, when} = Herald;
  let before = null;

  async function load() {
    const answer = await api('GET', 'audit?limit=50' + (before ? '&before=' + before : ''));
    const rows = answer.json || [];
    const body = document.querySelector('#audit tbody');
    if (!before && rows.length === 0) {
      body.replaceChildren(el('tr', {}, el('td', {colspan: 6, class: 'empty'}, 'Nothing yet.')));
    }
    body.append(...rows.map(event => el('tr', {},
      el('td', {}, when(event.occurredAt)), el('td', {}, event.actor),
      el('td', {}, el('span', {class: 'badge'}, event.action)),
      el('td', {}, event.campaignId
        ? el('a', {href: 'campaign.html?id=' + event.campaignId}, '#' + event.campaignId) : ''),
      el('td', {}, event.deliveryId || ''), el('td', {class: 'muted'}, event.detail || ''))));
    if (rows.length) {
      before = rows[rows.length - 1].id;
    }
    document.getElementById('older').disabled = rows.length < 50;
  }

  Herald.start(async () => {
    document.getElementById('older').addEventListener('click', load);
    await load();
  });
})();
