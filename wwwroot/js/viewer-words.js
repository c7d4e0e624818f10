/*
 * The viewer page's rules and words, without the DOM: what the server's C# says in
 * src/OzgLive.Web/Viewer/ (ViewerWords, QuestionOrder, AskAvailability, QuestionText) said again for
 * the script, so the page can change what the server rendered. Change both together.
 * tests/js/viewer-words.test.mjs imports this very file (node --test).
 */

/** t(key, ...args): a resource string (from <script id="viewer-texts">) with {0}, {1} … filled in. */
export function translator(texts) {
  return function t(key) {
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    var args = Array.prototype.slice.call(arguments, 1);
    return text.replace(/\{(\d+)\}/g, function (all, i) {
      return args[i] !== undefined ? String(args[i]) : all;
    });
  };
}

/** Dates and times in Berlin time, in the page's language; serverNow() is the server's time line in ms. */
export function timeWords(lang, t, longFormat, serverNow) {
  var berlinDateTime = new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var berlinTime = new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var relative = typeof Intl.RelativeTimeFormat === 'function' ? new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }) : null;

  return {
    /** "Donnerstag, 31. März 2022, 10:00 Uhr" (ViewerWords.LongDateTime). */
    longDateTime: function (iso) {
      var parts = {};
      berlinDateTime.formatToParts(new Date(iso)).forEach(function (p) { parts[p.type] = p.value; });
      return longFormat.replace(/\{(\w+)\}/g, function (all, name) {
        return parts[name] !== undefined ? parts[name] : all;
      });
    },
    /** "10:30" (BerlinTime.Time). */
    time: function (date) {
      return berlinTime.format(date);
    },
    /** "vor 3 Minuten", in the steps Humanizer uses on the server (RelativeTime.Format). */
    ago: function (iso) {
      var seconds = Math.round((serverNow() - Date.parse(iso)) / 1000);
      var s = Math.abs(seconds);
      if (s < 10 || !relative) {
        return t('Relative_Now');
      }
      var sign = seconds >= 0 ? -1 : 1;
      if (s < 60) return relative.format(sign * s, 'second');
      // Humanizer says "vor einer Minute" where Intl says "vor 1 Minute": the server's words win.
      if (s < 120) return sign < 0 ? t('Relative_MinuteAgo') : relative.format(sign, 'minute');
      if (s < 45 * 60) return relative.format(sign * Math.floor(s / 60), 'minute');
      if (s < 90 * 60) return sign < 0 ? t('Relative_HourAgo') : relative.format(sign, 'hour');
      if (s < 24 * 3600) return relative.format(sign * Math.floor(s / 3600), 'hour');
      if (s < 48 * 3600) return relative.format(sign, 'day');
      return relative.format(sign * Math.floor(s / 86400), 'day');
    }
  };
}

/** The event is over for its viewers (EventEndedNotice.razor). */
export function hasEnded(event, clock) {
  return event.status === 'ended' || event.status === 'published' || (!!clock && clock.phase === 'ended');
}

/** The clock's state in words (ViewerWords.Status). */
export function statusText(t, event, clock, longDateTime) {
  switch (clock.phase) {
    case 'notStarted':
      return event.status === 'ended' || event.status === 'published'
        ? t('Clock_Ended')
        : t('Clock_NotStarted', longDateTime(event.scheduledStart));
    case 'intro':
      return t('Clock_Intro');
    case 'block':
      return clock.current && clock.current.state === 'paused'
        ? t('Clock_BlockPaused', clock.currentBlock)
        : t('Clock_BlockRunning', clock.currentBlock);
    case 'between':
      return t('Clock_Between');
    case 'ended':
      return t('Clock_Ended');
    default:
      return '';
  }
}

export function blockStateText(t, state) {
  switch (state) {
    case 'running': return t('Block_Running');
    case 'paused': return t('Block_Paused');
    case 'done': return t('Block_Done');
    case 'skipped': return t('Block_Skipped');
    default: return '';
  }
}

/**
 * "Noch 12:05" (ViewerWords.Remaining): only when the organiser shows the clock publicly, and empty
 * once the time is up. Viewers never see overtime; the anchors keep their timers backstage.
 * ms is the time left (live-shared.js remainingMs), null without a current block.
 */
export function publicRemainingText(t, publicClock, ms, formatSeconds) {
  if (!publicClock || ms === null || ms < 0) {
    return '';
  }
  return t('Clock_Remaining', formatSeconds(Math.floor(ms / 1000)));
}

/** Characters as the server counts them: code points after collapsing whitespace (QuestionText). */
export function questionLength(text) {
  return Array.from(text.replace(/\s+/g, ' ').trim()).length;
}

/** "Noch 497 Zeichen" or "3 Zeichen zu viel" for the characters left. */
export function counterText(t, left) {
  return left >= 0
    ? (left === 1 ? t('Ask_CounterOneLeft') : t('Ask_CounterLeft', left))
    : (left === -1 ? t('Ask_CounterOneOver') : t('Ask_CounterOver', -left));
}

/** Whether questions are taken now (AskAvailabilities.Of); fallback until the first snapshot. */
export function availability(event, clock, settings, fallback) {
  if (!event || !clock || !settings) {
    return fallback || 'open';
  }
  if (hasEnded(event, clock)) return 'ended';
  if (event.status !== 'scheduled' && event.status !== 'live') return 'closed';
  if (settings.questionsState === 'paused') return 'paused';
  if (settings.questionsState === 'closed') return 'closed';
  if (clock.phase === 'block' && clock.currentBlock) {
    var block = settings.blocks.filter(function (b) { return b.number === clock.currentBlock; })[0];
    if (block && block.questionsState !== 'open') return 'blockClosed';
  }
  return 'open';
}

/**
 * What an ask form sends as the asker: nobody when "Anonym fragen" is ticked, else the name and
 * organisation typed (trimmed, null when empty).
 */
export function askerOf(anonymous, name, organisation) {
  if (anonymous) {
    return { displayName: null, organisation: null };
  }
  return { displayName: name.trim() || null, organisation: organisation.trim() || null };
}

/** Why the form refuses to send, as a resource key and its field; null when it may go. */
export function askProblem(textLength, minLength, maxLength, name, organisation) {
  if (textLength < minLength) return { field: 'text', key: 'Ask_TooShort' };
  if (textLength > maxLength) return { field: 'text', key: 'Ask_TooLong', arg: textLength - maxLength };
  var nameLength = Array.from(name || '').length;
  if (nameLength > 0 && (nameLength < 2 || nameLength > 40)) return { field: 'name', key: 'Ask_NameLength' };
  if (Array.from(organisation || '').length > 80) return { field: 'organisation', key: 'Ask_OrganisationLength' };
  return null;
}

export function isPublic(status) {
  return status === 'approved' || status === 'onStage' || status === 'answered';
}

/** What the list shows of a question (moderators' messages carry more). */
export function publicPart(q) {
  return {
    id: q.id, blockNumber: q.blockNumber, text: q.text, displayName: q.displayName, organisation: q.organisation,
    status: q.status, votes: q.votes, answerText: q.answerText, createdAt: q.createdAt
  };
}

function rank(q) {
  return q.status === 'onStage' ? 0 : q.status === 'answered' ? 2 : 1;
}

/** The order of QuestionOrder.Sort on the server ('stimmen' or 'neueste'): change both together. */
export function sortQuestions(list, sort) {
  return list.slice().sort(function (a, b) {
    var byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    var age = Date.parse(a.createdAt) - Date.parse(b.createdAt);
    if (sort === 'neueste') return -age || b.id - a.id;
    return (b.votes - a.votes) || age || a.id - b.id;
  });
}

/** "Anna Schmidt, Gemeinde Musterstadt"; "Anonym" without a name (ViewerWords.Author). */
export function author(t, q) {
  var who = q.displayName ? q.displayName : t('Question_Anonymous');
  return q.organisation ? who + ', ' + q.organisation : who;
}

export function votesWord(t, count) {
  return count === 1 ? t('Vote_OneVote') : t('Vote_Votes');
}

// Words too common to make two questions alike ("Wie beantrage ich …" and "Wie lange dauert …").
var commonWords = new Set([
  'aber', 'alle', 'auch', 'auf', 'aus', 'bei', 'bis', 'dann', 'das', 'dass', 'dem', 'den', 'der', 'des', 'die', 'dies',
  'diese', 'dieser', 'doch', 'durch', 'ein', 'eine', 'einem', 'einen', 'einer', 'es', 'für', 'gibt', 'hat', 'haben',
  'ich', 'ihr', 'ihre', 'im', 'in', 'ist', 'kann', 'man', 'mit', 'nach', 'nicht', 'noch', 'oder', 'sich', 'sie',
  'sind', 'so', 'über', 'und', 'uns', 'unser', 'unsere', 'unseren', 'vom', 'von', 'vor', 'was', 'wann', 'warum', 'welche',
  'wenn', 'werden', 'wer', 'wie', 'wird', 'wir', 'wo', 'zu', 'zum', 'zur', 'about', 'and', 'are', 'can', 'does',
  'for', 'how', 'the', 'this', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with', 'you', 'your'
]);

/** The question's significant words, cut to a stem of 7 letters ("Digitalisierungsberatung" ~ "Digitalisierung"). */
export function keyWords(text) {
  var words = text.toLocaleLowerCase('de-DE').normalize('NFC').split(/[^\p{L}\p{N}]+/u);
  var found = new Set();
  words.forEach(function (word) {
    if (word.length >= 3 && !commonWords.has(word)) {
      found.add(word.slice(0, 7));
    }
  });
  return found;
}

/**
 * Approved questions like the one being typed, most alike first, at most `limit`: those sharing at
 * least two significant words and at least half of the typed ones. Answered questions are left out
 * (supporting them changes nothing).
 */
export function similarQuestions(text, questions, limit) {
  var typed = keyWords(text);
  if (typed.size < 2) {
    return [];
  }
  var found = [];
  questions.forEach(function (q) {
    if (q.status !== 'approved' && q.status !== 'onStage') {
      return;
    }
    var theirs = keyWords(q.text);
    var shared = 0;
    typed.forEach(function (word) { if (theirs.has(word)) shared += 1; });
    if (shared >= 2 && shared / typed.size >= 0.5) {
      found.push({ question: q, score: shared / Math.max(typed.size, theirs.size) });
    }
  });
  found.sort(function (a, b) { return b.score - a.score || b.question.votes - a.question.votes || a.question.id - b.question.id; });
  return found.slice(0, limit || 3).map(function (f) { return f.question; });
}
