// Fact desk's small behaviours; everything else is htmx attributes in the templates.
// No inline scripts anywhere: the strict CSP only runs files served from /static/.
(function () {
  "use strict";

  // The story text is rendered as runs (.seg) that carry their offsets into Story.body,
  // so a DOM selection maps back to characters without re-deriving the text.
  function offsetAt(node, offset, isEnd) {
    var el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var seg = el && el.closest ? el.closest(".seg") : null;
    if (seg && node.nodeType === Node.TEXT_NODE) {
      return Number(seg.dataset.start) + Math.min(offset, Number(seg.dataset.end) - Number(seg.dataset.start));
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

  function claimLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("#story-body .claim-mark > a"));
  }

  function moveClaim(step) {
    var links = claimLinks();
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = links[(at + step + links.length) % links.length];
    if (at < 0) next = step > 0 ? links[0] : links[links.length - 1];
    links.forEach(function (a) { a.parentElement.classList.remove("current"); });
    next.parentElement.classList.add("current");
    next.focus();
    next.click();
  }

  function focusedEvidenceAction(action) {
    var item = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".evidence") : null;
    if (!item) item = document.querySelector("#panel .evidence[data-state=suggested]");
    if (!item) return;
    var button = item.querySelector('button[data-action="' + action + '"]');
    if (button) button.click();
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
  });

  // After the evidence list is re-rendered, keep the keyboard where the checker was.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "panel") {
      var first = event.detail.target.querySelector(".evidence[data-state=suggested]");
      if (first && document.activeElement === document.body) first.focus();
    }
  });
})();
