/*
 * "Meine Fragen" (MyQuestions.razor): only this browser knows who it is, so the script fills the
 * server's empty frame from the hub, including questions still waiting to be sent.
 * page: { t, words, state, connection(), ask (viewer-ask.js) }
 */
import { setText, field, cloneTemplate, syncList, refusal, refusalText } from './viewer-dom.js';
import { followUrl } from './viewer-ask.js';

var ownStatusKeys = {
  pending: 'Status_Pending', approved: 'Status_Approved', onStage: 'Status_OnStage', answered: 'Status_Answered',
  rejected: 'Status_Rejected', withdrawn: 'Status_Withdrawn', merged: 'Status_Merged'
};

export function mineView(page) {
  var t = page.t;
  var state = page.state;
  var section = document.getElementById('mine');
  var list = document.getElementById('my-questions');

  function render() {
    var known = {};
    Object.keys(state.mine).forEach(function (id) { known[state.mine[id].clientId] = true; });
    // A question the server has already (the answer got lost on the way) is no longer waiting.
    var local = page.ask.waiting(known).slice().reverse().map(function (p) {
      return { key: 'c-' + p.clientId, status: state.joined || p.sending ? 'sending' : 'queued', text: p.text, createdAt: p.createdAt, id: null };
    });
    var stored = Object.keys(state.mine).map(function (id) { return state.mine[id]; })
      .filter(function (q) { return q.status !== 'withdrawn'; })
      .sort(function (a, b) { return Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id; })
      .map(function (q) { return { key: 'q-' + q.id, status: q.status, text: q.text, createdAt: q.createdAt, id: q.id, number: q.number || null, followKey: q.followKey || null }; });
    var items = local.concat(stored);

    syncList(list, items, function (item) { return item.key; }, 'data-key',
      function () { return cloneTemplate('my-question-template'); },
      function (li, item) {
        li.setAttribute('data-status', item.status);
        setText(field(li, 'text'), item.text);
        // The question's number in the event (#3), the one moderators and the review use; none while unsent.
        var number = field(li, 'number');
        number.hidden = !item.number;
        setText(number, item.number ? '#' + item.number : '');
        setText(field(li, 'status'), item.status === 'sending' ? t('Status_Sending')
          : item.status === 'queued' ? t('Status_Queued') : t(ownStatusKeys[item.status]));
        var time = field(li, 'created');
        time.setAttribute('datetime', new Date(item.createdAt).toISOString());
        setText(time, page.words.ago(item.createdAt));
        var withdraw = li.querySelector('[data-action="withdraw"]');
        withdraw.parentElement.hidden = item.status !== 'pending';
        if (item.id !== null) {
          withdraw.setAttribute('data-question-id', String(item.id));
        }
        var linkRow = field(li, 'link-row');
        linkRow.hidden = !item.followKey;
        if (item.followKey) {
          field(li, 'link').setAttribute('href', followUrl(item.followKey));
        }
      });
    section.hidden = items.length === 0;
  }

  list.addEventListener('click', function (e) {
    var button = e.target.closest('[data-action="withdraw"]');
    if (!button || !state.joined) {
      return;
    }
    page.ask.clearMessages();
    page.connection().invoke('WithdrawQuestion', state.eventId, Number(button.getAttribute('data-question-id'))).then(function (own) {
      state.mine[own.id] = own;
      render();
      page.ask.focus();
    }, function (error) {
      page.ask.showError(refusalText(t, refusal(error) || { code: '', text: t('Error_Offline') }, 'ask'));
    });
  });

  return { render: render };
}
