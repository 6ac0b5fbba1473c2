'use strict';
// Pause and resume, shared by the campaigns list and the campaign page: which of the two a
// campaign offers, the confirmation, and the call. Only an HR admin gets the buttons.
const HeraldPause = (() => {
  const {api, el, isAdmin} = Herald;

  // A campaign being sent can be paused; a paused one resumed; anything else offers neither.
  function action(campaign) {
    if (campaign.status === 'PAUSED') {
      return 'resume';
    }
    const sending = campaign.status === 'DISPATCHING'
      || (campaign.status === 'DISPATCHED' && !campaign.finished);
    return sending ? 'pause' : null;
  }

  function question(campaign, which) {
    return which === 'pause'
      ? 'Pause "' + campaign.name + '"? Nothing more is sent until it is resumed; messages'
        + ' already on their way to WhatsApp still arrive.'
      : 'Resume "' + campaign.name + '"? Sending continues where it stopped, at the'
        + ' throughput limit in force now.';
  }

  // Asks, then pauses or resumes; the answer goes to done(answer, which). Nothing is sent
  // when the user says no.
  async function confirmAndCall(campaign, which, done) {
    if (!window.confirm(question(campaign, which))) {
      return;
    }
    const answer = await api('POST', 'campaigns/' + campaign.id + '/' + which);
    await done(answer, which);
  }

  // The button for this campaign (small in lists), or null when none applies or for a viewer.
  function button(campaign, done, small) {
    const which = action(campaign);
    if (!which || !isAdmin()) {
      return null;
    }
    return el('button', {type: 'button',
      class: (small ? 'small ' : '') + (which === 'pause' ? 'secondary ' : '') + which,
      'data-action': which, onclick: () => confirmAndCall(campaign, which, done)},
    which === 'pause' ? 'Pause' : 'Resume');
  }

  return {action, button};
})();
