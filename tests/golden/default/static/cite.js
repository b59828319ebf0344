/* Citation pop-ups: on hover or keyboard focus of a citation mark, show its note (the quoted
   words and links to the source) next to the mark. Escape closes it; the pointer can move onto
   it. A mark links to the cited sentence of the source and names its note (at the bottom of the
   page) in data-note; without this script it is that plain link. */
(function () {
  "use strict";
  var popover = null;
  var owner = null;
  var hideTimer = 0;

  function noteFor(mark) {
    var id = mark.getAttribute("data-note");
    var note = id ? document.getElementById(id) : null;
    // In the single-file export the ids inside a page start with the page's own id ("/P/").
    for (var box = mark.parentElement; id && !note && box; box = box.parentElement) {
      if (box.id && box.id.charAt(0) === "/") {
        note = document.getElementById(box.id + "/" + id);
      }
    }
    return note;
  }

  function hide() {
    window.clearTimeout(hideTimer);
    if (popover) {
      popover.remove();
    }
    if (owner) {
      owner.removeAttribute("aria-describedby");
    }
    popover = null;
    owner = null;
  }

  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, 250);
  }

  function show(mark) {
    var note = noteFor(mark);
    if (!note || owner === mark) {
      window.clearTimeout(hideTimer);
      return;
    }
    hide();
    popover = document.createElement("div");
    popover.className = "cite-popover";
    popover.id = "cite-popover";
    popover.setAttribute("role", "tooltip");
    Array.prototype.forEach.call(note.children, function (child) {
      popover.appendChild(child.cloneNode(true));
    });
    // The note itself stays in the tab order; its copy is for pointing and reading.
    Array.prototype.forEach.call(popover.querySelectorAll("a"), function (link) {
      link.tabIndex = -1;
    });
    popover.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", hideSoon);
    document.body.appendChild(popover);
    owner = mark;
    mark.setAttribute("aria-describedby", popover.id);
    place(mark);
  }

  function place(mark) {
    var rect = mark.getBoundingClientRect();
    var width = popover.offsetWidth;
    var left = Math.max(8, Math.min(rect.left + window.scrollX - 16,
      window.scrollX + document.documentElement.clientWidth - width - 8));
    var top = rect.bottom + window.scrollY + 6;
    if (rect.bottom + popover.offsetHeight + 12 > window.innerHeight && rect.top > popover.offsetHeight + 12) {
      top = rect.top + window.scrollY - popover.offsetHeight - 6;
    }
    popover.style.left = left + "px";
    popover.style.top = top + "px";
  }

  function markOf(target) {
    return target && target.closest ? target.closest("sup.cite a") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event.target);
    if (mark) { show(mark); }
  });
  document.addEventListener("mouseout", function (event) {
    if (markOf(event.target)) { hideSoon(); }
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark) {
      show(mark);
    } else if (popover && !popover.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && popover) {
      hide();
    }
  });
  document.addEventListener("click", function (event) {
    if (markOf(event.target)) { hide(); }
  });
}());
