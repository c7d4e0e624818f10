/*
 * Small DOM helpers of the viewer page: filling what the server rendered, cloning its <template>s
 * (src/OzgLive.Web/Viewer/*.razor), keeping lists in place, and storage that survives a browser that
 * refuses it. No markup here: every element comes from the server's HTML.
 */

/** Writes only a changed text: rewriting an aria-live element with the same words would repeat them. */
export function setText(el, text) {
  if (el && el.textContent !== text) {
    el.textContent = text;
  }
}

/** The element of a clone or a rendered item that shows one field (data-field="name"). */
export function field(el, name) {
  return el.querySelector('[data-field="' + name + '"]');
}

/** A fresh copy of the first element of <template id="…">. */
export function cloneTemplate(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

/**
 * Brings listEl's children into the order and content of items, reusing the element of each key,
 * and keeps the focused control focused. Returns the elements it created.
 */
export function syncList(listEl, items, keyOf, keyAttribute, create, fill) {
  var active = document.activeElement;
  var hadFocus = active && listEl.contains(active);
  var existing = {};
  Array.prototype.forEach.call(listEl.children, function (li) {
    existing[li.getAttribute(keyAttribute)] = li;
  });
  var created = [];
  items.forEach(function (item, index) {
    var key = keyOf(item);
    var li = existing[key];
    if (li) {
      delete existing[key];
    } else {
      li = create();
      created.push(li);
    }
    fill(li, item);
    li.setAttribute(keyAttribute, key);
    var at = listEl.children[index];
    if (at !== li) {
      listEl.insertBefore(li, at || null);
    }
  });
  Object.keys(existing).forEach(function (key) { existing[key].remove(); });
  // Moving an element blurs it; a keyboard user must not lose their place.
  if (hadFocus && document.activeElement !== active && listEl.contains(active)) {
    active.focus({ preventScroll: true });
  }
  return created;
}

/**
 * localStorage, or memory for this page when the browser refuses it (private mode, a blocked iframe).
 * local() returns the storage: even reading window.localStorage throws where storage is blocked.
 */
export function pageStorage(local) {
  var memory = {};
  var storage = {
    get: function (key) {
      try {
        var value = local().getItem(key);
        return value !== null ? value : (memory[key] !== undefined ? memory[key] : null);
      } catch (e) {
        return memory[key] !== undefined ? memory[key] : null;
      }
    },
    set: function (key, value) {
      memory[key] = value;
      try {
        local().setItem(key, value);
      } catch (e) { /* kept in memory for this page */ }
    },
    remove: function (key) {
      delete memory[key];
      try {
        local().removeItem(key);
      } catch (e) { /* nothing kept */ }
    },
    json: function (key, fallback) {
      try {
        var value = JSON.parse(storage.get(key));
        return value === null ? fallback : value;
      } catch (e) {
        return fallback;
      }
    }
  };
  return storage;
}

/** Reads text out politely (aria-live) through one element; emptied first, so the same words twice are read twice. */
export function announcer(el) {
  var timer = 0;
  return function announce(text) {
    clearTimeout(timer);
    el.textContent = '';
    timer = setTimeout(function () { el.textContent = text; }, 100);
  };
}

/** { code, text } when the server refused a hub call; null when the connection failed instead. */
export function refusal(error) {
  var message = (error && error.message) || '';
  var coded = /HubException: ([a-z-]+): ([\s\S]*)$/.exec(message);
  if (coded) {
    return { code: coded[1], text: coded[2] };
  }
  // An answer from the server without a code: an internal error. Anything else is the connection.
  return /error occurred invoking/.test(message) ? { code: '', text: '' } : null;
}

/** The words for a refusal; context 'vote' or 'ask'. */
export function refusalText(t, found, context) {
  switch (found.code) {
    case 'questions-paused': return t('Error_QuestionsPaused');
    case 'questions-closed': return t('Error_QuestionsClosed');
    case 'rate-limited': return t(context === 'vote' ? 'Error_VoteRateLimited' : 'Error_RateLimited');
    case 'viewer-required': return t('Error_ViewerRequired');
    case 'event-not-found': return t('Error_EventNotFound');
    case 'question-not-found': return t('Error_QuestionNotFound');
    case 'invalid-transition': return t('Error_InvalidTransition');
    case 'invalid-argument': return t('Error_InvalidArgument', found.text);
    default: return found.text || t('Error_Unknown');
  }
}
