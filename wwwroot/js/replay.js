// The replay page (/events/{slug}/replay, src/OzgLive.Web/Replay/). The server renders everything and
// it works without this script: jump links are real links to ?t=…#aufzeichnung and the search is a
// GET form. This script makes them immediate:
// - a jump link with the player already loaded (consent given) seeks it over postMessage; without
//   consent it sets where the player will start and takes the viewer to the consent box. Nothing is
//   requested from YouTube before consent (video-consent.js decides that);
// - the search filters the list as one types and announces the count politely;
// - the chapter list can be copied with one button.
// An ES module, deferred like every module: it runs once the page is parsed. The function around
// the rest lets it stop early on a page without the replay.
import { videoConsent } from './video-consent.js';

(function () {
  'use strict';

  var root = document.querySelector('[data-replay]');
  var textsEl = document.getElementById('replay-texts');
  if (!root || !textsEl) {
    return;
  }

  var texts = JSON.parse(textsEl.textContent);
  var lang = texts.lang || document.documentElement.lang || 'de-DE';

  function t(key) {
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    var args = Array.prototype.slice.call(arguments, 1);
    return text.replace(/\{(\d+)\}/g, function (all, i) {
      return args[i] !== undefined ? String(args[i]) : all;
    });
  }

  function byId(id) {
    return document.getElementById(id);
  }

  var announcer = byId('replay-announcer');
  function announce(text) {
    // Emptied first, so the same words twice are read twice.
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // --- The recording and the jump links --------------------------------------------------------

  var video = videoConsent({ jsApi: true });
  var recording = byId('aufzeichnung');
  var startNote = byId('video-start-note');

  root.addEventListener('click', function (e) {
    var link = e.target.closest ? e.target.closest('a.jump[data-seconds]') : null;
    if (!link || !byId('video') || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) {
      return;
    }
    e.preventDefault();
    var seconds = Number(link.getAttribute('data-seconds'));
    var time = link.getAttribute('data-time');
    // The address says where the recording is, so a reload or a shared link starts there too.
    try {
      window.history.replaceState(null, '', link.getAttribute('href'));
    } catch (err) { /* the address stays; the page still works */ }
    video.startAt(seconds);
    recording.scrollIntoView({ block: 'start' });
    if (video.seek(seconds)) {
      announce(t('Js_Jumped', time));
      return;
    }
    if (startNote) {
      startNote.textContent = t('Js_StartsAt', time);
      startNote.hidden = false;
    }
    byId('video-load').focus();
  });

  // --- Search -----------------------------------------------------------------------------------

  var form = root.querySelector('form.replay-search');
  var input = byId('replay-search');
  var count = byId('replay-count');
  var reset = byId('replay-reset');
  var items = Array.prototype.slice.call(root.querySelectorAll('.replay-question'));
  var blocks = Array.prototype.slice.call(root.querySelectorAll('.replay-block'));
  var announceTimer = 0;

  // What ReplaySearch.Matches looks at on the server: the question, the asker and the answer.
  var haystacks = items.map(function (item) {
    return Array.prototype.map.call(item.querySelectorAll('.question-text, .question-asker, .replay-answer'), function (el) {
      return el.textContent;
    }).join('\n').toLocaleLowerCase(lang);
  });

  function filter(query) {
    var needle = query.trim().toLocaleLowerCase(lang);
    var shown = 0;
    items.forEach(function (item, i) {
      var match = !needle || haystacks[i].indexOf(needle) >= 0;
      item.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    blocks.forEach(function (block) {
      block.hidden = !block.querySelector('.replay-question:not([hidden])');
    });
    var text = needle ? t('Js_Count', shown, items.length) : t('Js_CountAll', items.length);
    // The live region is the count itself; set it once typing pauses, so it is read once.
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () {
      if (count.textContent !== text) {
        count.textContent = text;
      }
    }, 400);
    if (reset) {
      reset.hidden = !needle;
    }
  }

  if (form && input) {
    input.addEventListener('input', function () { filter(input.value); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      filter(input.value);
    });
  }

  // --- Copying the chapter list -----------------------------------------------------------------

  var copyButton = byId('chapter-list-copy');
  var chapterText = byId('chapter-list-text');
  var copyStatus = byId('chapter-list-status');
  if (copyButton && chapterText) {
    copyButton.hidden = false;
    copyButton.addEventListener('click', function () {
      function failed() {
        chapterText.focus();
        chapterText.select();
        copyStatus.textContent = t('Js_CopyFailed');
      }
      if (!navigator.clipboard || !navigator.clipboard.writeText) {
        failed();
        return;
      }
      navigator.clipboard.writeText(chapterText.value).then(function () {
        copyStatus.textContent = t('Js_Copied');
      }, failed);
    });
  }
})();
