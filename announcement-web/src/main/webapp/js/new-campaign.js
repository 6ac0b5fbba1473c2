'use strict';
// New campaign: a template from the provider's approved list, its parameters with a live
// preview, the audience and the time with its zone. The Idempotency-Key is chosen once when the
// form opens, so a double click or a retried request can only ever create one campaign.
(() => {
  const {api, el, problems} = Herald;
  const SAMPLE_NAME = 'Ada Lovelace';
  const ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'Europe/Madrid',
    'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/Sao_Paulo',
    'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney'];
  const form = document.getElementById('campaign-form');
  const idempotencyKey = newKey();
  let templates = [];
  // "As soon as possible" is fixed at the first submit: a repeat of the request must carry the
  // same body, or the server refuses the reused key (422) instead of answering it again.
  let soon = null;

  function newKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join('-');
  }

  function selected() {
    const [name, language] = (form.template.value || '|').split('|');
    return templates.find(t => t.name === name && t.language === language);
  }

  function renderParameters() {
    const template = selected();
    const holder = document.getElementById('parameters');
    const previous = Array.from(holder.querySelectorAll('input'), input => input.value);
    holder.replaceChildren();
    for (let index = 1; template && index <= template.parameters; index++) {
      const value = previous[index - 1] !== undefined ? previous[index - 1]
        : index === 1 ? '{{employee.name}}' : '';
      holder.append(el('label', {for: 'parameter-' + index}, 'Parameter {{' + index + '}}'),
        el('input', {type: 'text', id: 'parameter-' + index, class: 'parameter', value,
          oninput: renderPreview}));
    }
    renderPreview();
  }

  function parameters() {
    return Array.from(document.querySelectorAll('#parameters input'), input => input.value);
  }

  function renderPreview() {
    const template = selected();
    const preview = document.getElementById('preview');
    if (!template) {
      preview.textContent = 'Pick a template.';
      return;
    }
    const values = parameters();
    preview.textContent = template.body.replace(/\{\{(\d+)}}/g, (match, number) => {
      const value = values[Number(number) - 1];
      return value ? value.replaceAll('{{employee.name}}', SAMPLE_NAME) : match;
    });
  }

  function zoneOffsetMinutes(instant, zone) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {timeZone: zone,
      hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', second: '2-digit'}).formatToParts(instant)
      .map(part => [part.type, part.value]));
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute,
      parts.second);
    return Math.round((wall - instant) / 60000);
  }

  // "2026-12-04T09:00" in Europe/Berlin -> "2026-12-04T09:00:00+01:00"
  function withOffset(local, zone) {
    const [date, time] = local.split('T');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    const guess = Date.UTC(year, month - 1, day, hour, minute);
    let offset = zoneOffsetMinutes(guess, zone);
    offset = zoneOffsetMinutes(guess - offset * 60000, zone);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const pad = n => String(n).padStart(2, '0');
    return `${date}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(abs / 60))}:${
      pad(abs % 60)}`;
  }

  function splitList(text) {
    return text.split(/[\n,;]+/).map(item => item.trim()).filter(item => item);
  }

  function request() {
    const template = selected() || {};
    const audienceType = form.querySelector('input[name=audience]:checked').value;
    const audience = {type: audienceType};
    if (audienceType === 'DEPARTMENTS') {
      audience.departments = splitList(document.getElementById('departments').value);
    } else if (audienceType === 'EMPLOYEES') {
      audience.employeeIds = splitList(document.getElementById('employee-ids').value);
    }
    const at = form.querySelector('input[name=when]:checked').value === 'at';
    const local = document.getElementById('scheduled-at').value;
    return {
      name: form.name.value.trim(),
      template: template.name,
      language: template.language,
      parameters: parameters(),
      audience,
      scheduledAt: at && local ? withOffset(local, document.getElementById('time-zone').value)
        : soon || (soon = new Date(Date.now() + 5000).toISOString())
    };
  }

  async function submit(event) {
    event.preventDefault();
    const button = document.getElementById('create');
    const result = document.getElementById('result');
    button.disabled = true;
    const answer = await api('POST', 'campaigns', request(), {'Idempotency-Key': idempotencyKey});
    if (answer.status === 201) {
      window.location.href = 'campaign.html?id=' + answer.json.id + '&created=1';
      return;
    }
    button.disabled = false;
    if (answer.status === 400) {
      soon = null;
    }
    result.replaceChildren(problems(answer));
  }

  function toggle() {
    const audience = form.querySelector('input[name=audience]:checked').value;
    document.getElementById('departments').classList.toggle('hidden', audience !== 'DEPARTMENTS');
    document.getElementById('employee-ids').classList.toggle('hidden', audience !== 'EMPLOYEES');
    const at = form.querySelector('input[name=when]:checked').value === 'at';
    document.getElementById('time-fields').classList.toggle('hidden', !at);
  }

  function fillZones() {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const zones = ZONES.includes(own) ? ZONES : [own, ...ZONES];
    document.getElementById('time-zone').replaceChildren(...zones.map(zone =>
      el('option', {value: zone, selected: zone === own}, zone)));
  }

  Herald.start(async () => {
    fillZones();
    document.getElementById('key-hint').textContent = 'Idempotency-Key ' + idempotencyKey;
    form.addEventListener('submit', submit);
    form.addEventListener('change', toggle);
    form.template.addEventListener('change', renderParameters);
    const answer = await api('GET', 'templates');
    if (!answer.ok) {
      document.getElementById('result').replaceChildren(problems(answer));
      return;
    }
    templates = answer.json.filter(t => t.status === 'APPROVED');
    form.template.replaceChildren(...templates.map(t => el('option',
      {value: t.name + '|' + t.language}, t.name + ' (' + t.language + ', ' + t.category + ')')));
    renderParameters();
  });
})();
