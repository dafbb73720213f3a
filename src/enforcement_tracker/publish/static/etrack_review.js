// Keyboard shortcuts of the review page (/review): a accept, c correct, r reject, Esc leaves a field.
// Loaded from this server only (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var form = document.getElementById("review-form");
    if (!form) { return; }
    var action = document.getElementById("review-action");
    var why = document.getElementById("review-why");
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name^='set.']"));
    var pending = "accept";

    function submit(kind, defaultWhy) {
      action.value = kind;
      if (!why.value.trim() && defaultWhy) { why.value = defaultWhy; }
      if (!why.value.trim()) { why.focus(); pending = kind; return; }
      // The buttons carry name=action too; drop theirs so the hidden field decides.
      Array.prototype.forEach.call(form.querySelectorAll("button[name=action]"), function (b) { b.disabled = true; });
      form.submit();
    }

    function changed() {
      return inputs.some(function (i) { return i.value !== i.getAttribute("data-original"); });
    }

    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.target.tagName !== "INPUT") { return; }
      event.preventDefault();
      if (event.target === why) {
        submit(pending === "accept" && changed() ? "correct" : pending, null);
      } else {
        pending = "correct";
        submit("correct", "corrected against the text");
      }
    });

    document.addEventListener("keydown", function (event) {
      var typing = event.target && (event.target.tagName === "INPUT" || event.target.tagName === "TEXTAREA");
      if (event.key === "Escape" && typing) { event.target.blur(); return; }
      if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (event.key === "a") { event.preventDefault(); submit("accept", "matches the text"); }
      else if (event.key === "c") { event.preventDefault(); pending = "correct"; if (inputs.length) { inputs[0].focus(); inputs[0].select(); } }
      else if (event.key === "r") { event.preventDefault(); pending = "reject"; action.value = "reject"; why.focus(); }
    });
    document.body.setAttribute("data-review-keys", "on");  // the shortcuts are live
  });
}());
