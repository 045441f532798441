/* skytally's own small script: bulletin tabs, copy buttons, and the home chart's range switch.
   Every feature works without it: the bulletins are all shown, the chart is a server-drawn SVG. */
(function () {
  "use strict";

  function tabs() {
    var lists = document.querySelectorAll('[role="tablist"]');
    Array.prototype.forEach.call(lists, function (list) {
      var tabEls = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
      function select(tab, focus) {
        tabEls.forEach(function (t) {
          var on = t === tab;
          t.setAttribute("aria-selected", on ? "true" : "false");
          t.setAttribute("tabindex", on ? "0" : "-1");
          var panel = document.getElementById(t.getAttribute("aria-controls"));
          if (panel) {
            if (on) panel.removeAttribute("data-inactive");
            else panel.setAttribute("data-inactive", "");
          }
        });
        if (focus) tab.focus();
        var url = new URL(window.location.href);
        url.searchParams.set("lang", tab.getAttribute("data-lang"));
        window.history.replaceState(null, "", url.pathname + url.search + url.hash);
      }
      // A ?lang= link opens that tab (a static host serves the page whatever the query says).
      var wanted = new URLSearchParams(window.location.search).get("lang");
      var chosen = tabEls.filter(function (t) { return t.getAttribute("data-lang") === wanted; })[0];
      if (chosen && chosen.getAttribute("aria-selected") !== "true") select(chosen, false);
      tabEls.forEach(function (tab, i) {
        tab.setAttribute("tabindex", tab.getAttribute("aria-selected") === "true" ? "0" : "-1");
        tab.addEventListener("click", function (event) {
          event.preventDefault();
          select(tab, false);
        });
        tab.addEventListener("keydown", function (event) {
          var next = null;
          if (event.key === "ArrowRight") next = tabEls[(i + 1) % tabEls.length];
          if (event.key === "ArrowLeft") next = tabEls[(i - 1 + tabEls.length) % tabEls.length];
          if (event.key === "Home") next = tabEls[0];
          if (event.key === "End") next = tabEls[tabEls.length - 1];
          if (event.key === " " || event.key === "Enter") next = tab;
          if (next) {
            event.preventDefault();
            select(next, true);
          }
        });
      });
    });
  }

  function copyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.querySelector(button.getAttribute("data-copy"));
        var status = button.parentNode.querySelector(".copy-status");
        var text = source ? source.textContent : "";
        function done(message) {
          if (status) status.textContent = message;
          window.setTimeout(function () { if (status) status.textContent = ""; }, 2500);
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done("Copied"); }, function () { done("Select the text to copy it"); });
        } else {
          var area = document.createElement("textarea");
          area.value = text;
          area.setAttribute("readonly", "");
          area.style.position = "absolute";
          area.style.left = "-9999px";
          document.body.appendChild(area);
          area.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          document.body.removeChild(area);
          done(ok ? "Copied" : "Select the text to copy it");
        }
      });
    });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.vegaEmbed) return resolve();
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function chart() {
    var box = document.getElementById("nights-chart");
    if (!box || !window.fetch || !window.Promise) return;
    var buttons = Array.prototype.slice.call(document.querySelectorAll(".range-switch button"));
    var view = null;
    function draw(specUrl) {
      box.classList.add("loading");
      return loadScript(box.getAttribute("data-vega"))
        .then(function () { return fetch(specUrl); })
        .then(function (response) {
          if (!response.ok) throw new Error("chart data: HTTP " + response.status);
          return response.json();
        })
        .then(function (spec) {
          // One legend column where two would not fit (a phone): the labels are long.
          var legend = spec.layer && spec.layer[0].encoding && spec.layer[0].encoding.color && spec.layer[0].encoding.color.legend;
          if (legend && box.clientWidth < 560) legend.columns = 1;
          // Drawn into a new element inside the box (a detached one has no width to fit), then the
          // previous drawing, or the server's SVG, is removed.
          var target = document.createElement("div");
          target.className = "chart-live";
          box.appendChild(target);
          return window.vegaEmbed(target, spec, { actions: false, renderer: "svg" }).then(function (result) {
            if (view) view.finalize();
            view = result.view;
            Array.prototype.slice.call(box.children).forEach(function (child) {
              if (child !== target) box.removeChild(child);
            });
            box.setAttribute("data-rendered", "vega");
          }, function (error) {
            box.removeChild(target);
            throw error;
          });
        })
        .catch(function () { /* keep the server-drawn chart */ })
        .then(function () { box.classList.remove("loading"); });
    }
    var group = document.querySelector(".range-switch");
    if (group) group.hidden = false;
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); });
        draw(button.getAttribute("data-spec"));
      });
    });
    draw(box.getAttribute("data-spec"));
  }

  function start() {
    tabs();
    copyButtons();
    chart();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
