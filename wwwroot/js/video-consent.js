/*
 * The YouTube video's two clicks (Zwei-Klick-Lösung), shared by the live page (event-live.js) and the
 * replay page (replay.js), over the markup of src/OzgLive.Web/Viewer/VideoPlayer.razor.
 * Until the viewer clicks "load", nothing on the page comes from YouTube: no player, no thumbnail, no
 * script. The choice lasts for the page; only "remember" keeps it in this browser (localStorage
 * ozglive.youtubeConsent, this site only). After consent the player is a youtube-nocookie.com iframe;
 * with options.jsApi it also takes seek commands over postMessage (YouTube's documented iframe
 * protocol), so no YouTube script is ever loaded into this page.
 */

var consentKey = 'ozglive.youtubeConsent';
var playerOrigin = 'https://www.youtube-nocookie.com';
var memory = {};

// A browser that refuses storage (private mode, a blocked iframe) still works for this page.
function remembered() {
  try {
    return window.localStorage.getItem(consentKey) === 'yes' || memory[consentKey] === 'yes';
  } catch (e) {
    return memory[consentKey] === 'yes';
  }
}

function remember(yes) {
  if (yes) {
    memory[consentKey] = 'yes';
  } else {
    delete memory[consentKey];
  }
  try {
    if (yes) {
      window.localStorage.setItem(consentKey, 'yes');
    } else {
      window.localStorage.removeItem(consentKey);
    }
  } catch (e) { /* kept in memory for this page */ }
}

/**
 * options.frameTitle(title)  the iframe's title for an event title (optional)
 * options.jsApi              true: the player accepts seek commands (enablejsapi=1)
 * Returns { show(id, title), seek(seconds), startAt(seconds), playing() }; a page without the
 * video section gets one that does nothing.
 */
export function videoConsent(options) {
  options = options || {};
  var section = document.getElementById('video');
  if (!section) {
    return { show: function () { }, seek: function () { return false; }, startAt: function () { }, playing: function () { return false; } };
  }
  var consentBox = document.getElementById('video-consent');
  var frameBox = document.getElementById('video-frame');
  var loadButton = document.getElementById('video-load');
  var rememberBox = document.getElementById('video-remember');
  var external = document.getElementById('video-external');
  var forgetRow = document.getElementById('video-forget-row');
  var forgetButton = document.getElementById('video-forget');
  var currentId = section.getAttribute('data-video-id') || null;
  var frameTitle = section.getAttribute('data-frame-title') || '';
  var start = Number(section.getAttribute('data-start')) || 0;
  var consented = remembered();

  function embedUrl(id) {
    var params = [];
    if (options.jsApi) {
      params.push('enablejsapi=1');
    }
    if (start > 0) {
      params.push('start=' + start);
    }
    return playerOrigin + '/embed/' + encodeURIComponent(id) + (params.length ? '?' + params.join('&') : '');
  }

  function externalUrl(id) {
    return 'https://www.youtube.com/watch?v=' + encodeURIComponent(id) + (start > 0 ? '&t=' + start + 's' : '');
  }

  function currentFrame() {
    return frameBox.querySelector('iframe');
  }

  function showFrame() {
    var frame = currentFrame();
    if (!frame) {
      frame = document.createElement('iframe');
      frame.setAttribute('allow', 'accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share');
      frame.setAttribute('allowfullscreen', '');
      frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
      frameBox.appendChild(frame);
    }
    frame.setAttribute('title', frameTitle);
    // Another block with another video: switch the player, as the viewer agreed to YouTube.
    if (frame.getAttribute('data-video-id') !== currentId) {
      frame.setAttribute('data-video-id', currentId);
      frame.setAttribute('src', embedUrl(currentId));
    }
    frameBox.hidden = false;
    forgetRow.hidden = false;
    consentBox.hidden = true;
    return frame;
  }

  function showConsent() {
    var frame = currentFrame();
    if (frame) {
      frame.remove();
    }
    frameBox.hidden = true;
    forgetRow.hidden = true;
    consentBox.hidden = false;
  }

  function show(id, title) {
    currentId = id || null;
    if (title && options.frameTitle) {
      frameTitle = options.frameTitle(title);
    }
    section.hidden = !currentId;
    if (!currentId) {
      showConsent();
      return;
    }
    section.setAttribute('data-video-id', currentId);
    external.href = externalUrl(currentId);
    if (consented) {
      showFrame();
    } else {
      showConsent();
    }
  }

  /** Where the player starts once the viewer agrees (the consent box says so; see replay.js). */
  function startAt(seconds) {
    start = Math.max(0, Math.floor(seconds));
    section.setAttribute('data-start', String(start));
    if (currentId) {
      external.href = externalUrl(currentId);
    }
  }

  /** Seeks the running player; false when there is none (no consent yet). */
  function seek(seconds) {
    var frame = currentFrame();
    if (!frame || !frame.contentWindow) {
      return false;
    }
    var command = function (func, args) {
      frame.contentWindow.postMessage(JSON.stringify({ event: 'command', func: func, args: args || [] }), playerOrigin);
    };
    command('seekTo', [seconds, true]);
    command('playVideo');
    return true;
  }

  loadButton.addEventListener('click', function () {
    consented = true;
    if (rememberBox.checked) {
      remember(true);
    }
    // Keyboard users go on where the video is.
    showFrame().focus();
  });

  forgetButton.addEventListener('click', function () {
    consented = false;
    remember(false);
    rememberBox.checked = false;
    showConsent();
    loadButton.focus();
  });

  loadButton.disabled = false;
  rememberBox.disabled = false;
  show(currentId);
  return {
    show: show,
    seek: seek,
    startAt: startAt,
    playing: function () { return !!currentFrame(); }
  };
}
