// Fact desk's small behaviours; everything else is htmx attributes in the templates.
// No inline scripts anywhere: the strict CSP only runs files served from /static/.
(function () {
  "use strict";

  // The one place offsets change units: the DOM counts UTF-16 code units (an emoji, a flag's
  // letters or a mathematical letter is two), the server counts code points, as Python does.
  function codePoints(text, utf16Offset) {
    return Array.from(text.slice(0, utf16Offset)).length;
  }

  // The story text is rendered as runs (.seg) that carry their offsets into Story.body,
  // so a DOM selection maps back to characters without re-deriving the text.
  function offsetAt(node, offset, isEnd) {
    var el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var seg = el && el.closest ? el.closest(".seg") : null;
    if (seg && node.nodeType === Node.TEXT_NODE) {
      var length = Number(seg.dataset.end) - Number(seg.dataset.start);
      return Number(seg.dataset.start) + Math.min(codePoints(node.data, offset), length);
    }
    if (seg) return Number(isEnd ? seg.dataset.end : seg.dataset.start);
    // An element boundary (a triple-click, a drag past a mark): use the nearest run.
    var body = document.getElementById("story-body");
    if (!body || !body.contains(el)) return null;
    var child = el.childNodes[offset];
    if (child && child.nodeType === Node.ELEMENT_NODE) {
      var next = child.classList.contains("seg") ? child : child.querySelector(".seg");
      if (next) return Number(next.dataset.start);
    }
    var runs = body.querySelectorAll(".seg");
    return runs.length ? Number(runs[runs.length - 1].dataset.end) : null;
  }

  function selectionSpan() {
    var sel = window.getSelection();
    var body = document.getElementById("story-body");
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !body) return null;
    var range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return null;
    var start = offsetAt(range.startContainer, range.startOffset, false);
    var end = offsetAt(range.endContainer, range.endOffset, true);
    if (start === null || end === null || end <= start) return null;
    return { start: start, end: end };
  }

  function createFromSelection() {
    var form = document.getElementById("span-form");
    var span = selectionSpan();
    if (!form) return;
    if (!span) {
      var quote = form.querySelector("[name=quote]");
      if (quote) quote.focus();
      return;
    }
    form.querySelector("[name=start]").value = span.start;
    form.querySelector("[name=end]").value = span.end;
    form.querySelector("[name=quote]").value = "";
    window.getSelection().removeAllRanges();
    form.requestSubmit();
  }

  // The span form's button uses the selection too (the quote box is the no-selection path).
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest("#span-form button")) {
      var span = selectionSpan();
      var form = document.getElementById("span-form");
      if (span && form) {
        form.querySelector("[name=start]").value = span.start;
        form.querySelector("[name=end]").value = span.end;
      }
    }
  });
  document.addEventListener("input", function (event) {
    // Typing a quote means "find these words", not the last selection.
    if (event.target.name === "quote") {
      var form = event.target.form;
      form.querySelector("[name=start]").value = "";
      form.querySelector("[name=end]").value = "";
    }
  });

  // htmx wires up swapped-in content a moment after inserting it (its settle step); a key
  // pressed in that moment would otherwise follow the plain link or post the plain form.
  function ready(el) {
    if (el && window.htmx) window.htmx.process(el);
  }

  function claimLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("#story-body .claim-mark > a"));
  }

  // The claim open in the panel is where j/k go on from, wherever the focus is now
  // (after a review it sits on the next piece of evidence, not on the story's mark).
  function currentClaimIndex(links) {
    var at = links.indexOf(document.activeElement);
    if (at >= 0) return at;
    var open = document.querySelector("#panel .claim-panel[data-claim]");
    if (!open) return -1;
    for (var i = 0; i < links.length; i++) {
      if (links[i].parentElement.dataset.claim === open.dataset.claim) return i;
    }
    return -1;
  }

  function moveClaim(step) {
    var links = claimLinks();
    if (!links.length) return;
    var at = currentClaimIndex(links);
    var next = links[(at + step + links.length) % links.length];
    if (at < 0) next = step > 0 ? links[0] : links[links.length - 1];
    links.forEach(function (a) { a.parentElement.classList.remove("current"); });
    next.parentElement.classList.add("current");
    next.focus();
    ready(next);
    next.click();
  }

  function focusedEvidenceAction(action) {
    var item = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".evidence") : null;
    if (!item) item = document.querySelector("#panel .evidence[data-state=suggested]");
    if (!item) return;
    var button = item.querySelector('button[data-action="' + action + '"]');
    if (button) { ready(button.form); button.click(); }
  }

  function typing(event) {
    var t = event.target;
    return t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
    var help = document.getElementById("help");
    switch (event.key) {
      case "c": createFromSelection(); break;
      case "j": moveClaim(1); break;
      case "k": moveClaim(-1); break;
      case "a": focusedEvidenceAction("accept"); break;
      case "r": focusedEvidenceAction("reject"); break;
      case "e": {
        var edit = document.querySelector("#panel details.edit");
        if (edit) { edit.open = true; var f = edit.querySelector("textarea, input:not([type=hidden])"); if (f) f.focus(); }
        break;
      }
      case "?": if (help && !help.open) help.showModal(); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest("[data-help]");
    var help = document.getElementById("help");
    if (trigger && help) help.showModal();
    var dismiss = event.target.closest && event.target.closest("[data-dismiss]");
    if (dismiss) dismiss.closest(".toast").remove();
  });

  // Notices are pinned to the viewport: a fresh one (from the workspace or the panel) replaces
  // the older ones instead of stacking on them.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var html = event.detail.serverResponse;
    if (!event.detail.shouldSwap || typeof html !== "string" || html.indexOf("data-toasts") < 0) return;
    document.querySelectorAll("[data-toasts]").forEach(function (old) { old.remove(); });
  });

  // Reviews re-render the panel (or its live part); keep the keyboard on the queue:
  // the evidence that had focus if it is still there, else the next one awaiting review.
  var focusedEvidence = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var item = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("#panel .evidence") : null;
    var inPanel = document.activeElement && document.activeElement.closest
      && document.activeElement.closest("#panel");
    focusedEvidence = item ? item.dataset.evidence : (inPanel ? "" : null);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var panel = document.getElementById("panel");
    if (!panel || !target || !(target === panel || panel.contains(target))) return;
    var typingNow = document.activeElement && document.activeElement !== document.body && panel.contains(document.activeElement)
      && /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (typingNow) return;
    var fromPanel = focusedEvidence !== null;
    var fromStory = document.activeElement && document.activeElement.closest
      && document.activeElement.closest("#story-body");
    if (!fromPanel && !fromStory && document.activeElement !== document.body) return;
    var keep = focusedEvidence ? panel.querySelector('.evidence[data-evidence="' + focusedEvidence + '"][data-state=suggested]') : null;
    var next = keep || panel.querySelector(".evidence[data-state=suggested]");
    if (next) next.focus({ preventScroll: false });
    else if (fromPanel) {
      var title = panel.querySelector(".panel-title");
      if (title) { title.setAttribute("tabindex", "-1"); title.focus(); }
    }
    focusedEvidence = null;
  });
})();
