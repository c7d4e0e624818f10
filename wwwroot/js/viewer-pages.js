/*
 * The public list beyond the snapshot's first page (docs/hub-protocol.md, GetPublicQuestions): which
 * page comes next, how a page joins what the viewer sees, and loading again after a new snapshot as
 * far as the viewer had loaded. No DOM here (viewer-questions.js shows it); tests/js/viewer-pages.test.mjs
 * tests this very file.
 *
 * The cursor: pages go from the newest down, each one older than the lowest id of the page before. The
 * snapshot's first page is no cursor (its most-voted questions may be old ones), so the first page
 * asked for starts at the newest, and what it repeats of the snapshot is merged away.
 */

/**
 * Merges a page into questions (id -> question), each through part(q). A page read at an older seq than
 * what is shown could bring back a question that has left the list since, so it is not used at all (null);
 * otherwise its version of a question replaces the shown one, and the numbered messages after it, applied
 * in order, bring everything to the same state again. Returns the questions it added.
 */
export function mergePage(questions, seq, page, part) {
  if (page.seq < seq) {
    return null;
  }
  var added = [];
  page.questions.forEach(function (q) {
    if (!questions[q.id]) {
      added.push(q);
    }
    questions[q.id] = part(q);
  });
  return added;
}

/** The lowest id of a page (its questions come in ascending id order); null for an empty one. */
function lowestId(page) {
  return page.questions.length > 0 ? page.questions[0].id : null;
}

/**
 * fetchPage(beforeId) calls GetPublicQuestions and resolves to its page.
 * part(q) is what the list keeps of a question (viewer-words.js publicPart).
 */
export function questionPages(fetchPage, part) {
  var cursor = null;      // the lowest id of the pages merged since the last snapshot; null: none yet
  var complete = true;    // nothing is left out: the snapshot or the last page said so
  var reached = null;     // how far the viewer loaded: null not at all, an id down to it, 0 everything

  function advance(page) {
    cursor = lowestId(page) !== null ? lowestId(page) : cursor;
    complete = !page.more;
  }

  /** The next page into state.questions; a page older than state.seq is asked for again. */
  function loadOne(state, tries) {
    return fetchPage(cursor).then(function (page) {
      var added = mergePage(state.questions, state.seq, page, part);
      if (added === null) {
        // A message newer than the page arrived meanwhile; the server's state is newer by now.
        if (tries >= 3) {
          throw new Error('The pages stay older than the list.');
        }
        return loadOne(state, tries + 1);
      }
      advance(page);
      return added;
    });
  }

  return {
    /** Whether public questions are left out of what the viewer sees. */
    more: function () { return !complete; },

    /** The viewer asked for the whole list (the page without JavaScript's ?alle=1). */
    wantAll: function () { reached = 0; },

    /**
     * "Weitere Fragen laden": the next page, and more pages while they only repeat what is shown.
     * Resolves to the questions added.
     */
    loadMore: function (state) {
      function step() {
        return loadOne(state, 0).then(function (added) {
          return added.length === 0 && !complete ? step() : added;
        });
      }
      return step().then(function (added) {
        reached = complete ? 0 : cursor;
        return added;
      });
    },

    /**
     * For a new snapshot (a join after reconnecting, a resync after a gap): fetches again the pages the
     * viewer had loaded, so that their list does not shrink. Resolves to the pages, all of them read
     * after the snapshot; a failure keeps those that came (the button offers the rest).
     */
    pagesFor: function (snapshot) {
      var pages = [];
      function step() {
        var last = pages[pages.length - 1];
        var done = !snapshot.morePublicQuestions || reached === null
          || (last && (!last.more || lowestId(last) === null || lowestId(last) <= reached));
        if (done) {
          return Promise.resolve(pages);
        }
        return fetchPage(last ? lowestId(last) : null).then(function (page) {
          pages.push(page);
          return step();
        });
      }
      return step().catch(function () { return pages; });
    },

    /**
     * Shows a new snapshot's pages: state holds the snapshot (seq, its first page in questions); the
     * pages from pagesFor are merged in order, up to the first that cannot be used.
     */
    takeSnapshot: function (state, snapshot, pages) {
      cursor = null;
      complete = !snapshot.morePublicQuestions;
      for (var i = 0; i < pages.length; i++) {
        if (mergePage(state.questions, state.seq, pages[i], part) === null) {
          break;
        }
        advance(pages[i]);
      }
    }
  };
}
