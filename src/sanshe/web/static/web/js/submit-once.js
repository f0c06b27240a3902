/* A form is sent once: after the first tap its buttons are disabled until the next page arrives.
   Forms opt in with {% submit_once %} (a one-time token the server also checks) or a button marked
   data-submit-once. No library needed. */
(function () {
  if (window.sansheSubmitOnce) return;
  window.sansheSubmitOnce = true;

  function optedIn(form) {
    return form.querySelector("input[name=form_token], [data-submit-once]") !== null;
  }

  function buttons(form) {
    return form.querySelectorAll("button:not([type]), button[type=submit], input[type=submit]");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !optedIn(form) || event.defaultPrevented) return;
    if (form.dataset.sending === "yes") {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "yes";
    form.setAttribute("aria-busy", "true");
    // Disabled after this event, so the tapped button's own name and value are still sent.
    window.setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  function release(form) {
    delete form.dataset.sending;
    form.removeAttribute("aria-busy");
    buttons(form).forEach(function (button) {
      button.disabled = false;
    });
  }

  // Coming back with the browser's Back button, or an htmx form answered in place: usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(release);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest ? event.target.closest("form") : null;
    if (form && form.dataset.sending) release(form);
  });
})();
