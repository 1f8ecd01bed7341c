// Live reload for `python build.py serve`: the server adds this script to pages it sends; it is
// never part of a built site. It listens for rebuilds, reloads the tab when its page (or a style
// or script) changed, and shows build errors over the page while the last good build stays up.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.getAttribute("data-base") || "/";
  var here = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length) : "";
  here = decodeURIComponent(here);
  if (here === "" || here.charAt(here.length - 1) === "/") here += "index.html";
  var token = null;
  var overlay = null;

  function addStyles() {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + "__codebook/livereload.css";
    document.head.appendChild(link);
  }

  function affectsThisPage(changed) {
    return changed.some(function (path) {
      return path === here || !/\.html$/.test(path);
    });
  }

  function showProblems(problems) {
    hideProblems();
    overlay = document.createElement("section");
    overlay.className = "codebook-live-errors";
    overlay.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.textContent = "The build failed: you are seeing the last good build";
    var advice = document.createElement("p");
    advice.textContent = "Fix these in your files and save; this page updates by itself.";
    var list = document.createElement("ol");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hideProblems);
    overlay.append(title, advice, list, close);
    document.body.appendChild(overlay);
  }

  function hideProblems() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  addStyles();
  var events = new EventSource(base + "__codebook/events");
  events.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (token !== null && state.token !== token) {
      location.reload(); // the server was restarted: everything may have changed
      return;
    }
    token = state.token;
    if (state.problems.length) {
      showProblems(state.problems);
    } else {
      hideProblems();
      if (affectsThisPage(state.changed)) location.reload();
    }
  });
})();
