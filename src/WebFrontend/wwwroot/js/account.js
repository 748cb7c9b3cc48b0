// The account page: sign in, create an account (confirmed by an emailed link to #confirm=...), forgotten password,
// change password, authenticator enrolment, sign out (here or everywhere).
(function () {
  "use strict";
  const $ = id => document.getElementById(id);
  const form = element => Object.fromEntries(new FormData(element));

  function show(me) {
    $("signed-out").classList.toggle("hidden", !!me);
    $("signed-in").classList.toggle("hidden", !me);
    if (!me) return;
    $("who").textContent = me.email;
    $("role").textContent = me.role;
    $("enrol-note").classList.toggle("hidden", !me.mustEnrolTwoFactor);
    $("totp-state").textContent = me.totpEnabled ? "On: signing in needs a code from your authenticator app." : "Off.";
    $("totp-setup").classList.toggle("hidden", me.totpEnabled);
    $("totp-disable").classList.toggle("hidden", !me.totpEnabled);
  }

  async function refresh() {
    try { show(await pe.call("GET", "/api/auth/me")); } catch { show(null); }
  }

  $("login").addEventListener("submit", async event => {
    event.preventDefault();
    const data = form(event.target);
    $("login-error").textContent = "";
    try {
      show(await pe.call("POST", "/api/auth/login", { email: data.email, password: data.password, totpCode: data.totpCode || null }));
      event.target.reset();
    } catch (e) { $("login-error").textContent = e.message; }
  });

  $("forgot").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      $("forgot-message").textContent = (await pe.call("POST", "/api/auth/password-reset", { email: form(event.target).email })).message;
    } catch (e) { $("forgot-message").textContent = e.message; }
  });

  $("register").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      $("register-message").textContent = (await pe.call("POST", "/api/auth/register", form(event.target))).message;
      event.target.reset();
    } catch (e) { $("register-message").textContent = e.message; }
  });

  // The registration link's token is in the fragment, which browsers never send to a server or in a Referer header.
  async function confirmRegistration(token) {
    history.replaceState(null, "", window.location.pathname);
    try {
      show(await pe.call("POST", "/api/auth/confirm-registration", { token }));
      $("confirm-message").textContent = "Your account is created and you are signed in.";
    } catch (e) {
      $("confirm-message").textContent = e.message;
      await refresh();
    }
  }

  $("change-password").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await pe.call("POST", "/api/auth/change-password", form(event.target));
      event.target.reset();
      $("password-message").textContent = "Password changed. Your other sessions are signed out.";
    } catch (e) { $("password-message").textContent = e.message; }
  });

  $("totp-setup").addEventListener("click", async () => {
    $("totp-message").textContent = "";
    try {
      const setup = await pe.call("POST", "/api/auth/totp/setup");
      // The SVG is our server's own rendering of the otpauth URI; shown as an image, never as markup.
      $("totp-qr").src = "data:image/svg+xml;base64," + btoa(setup.qrCodeSvg);
      $("totp-secret").textContent = setup.secret;
      $("totp-enrol").classList.remove("hidden");
    } catch (e) { $("totp-message").textContent = e.message; }
  });

  $("totp-enable").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      const result = await pe.call("POST", "/api/auth/totp/enable", { code: form(event.target).code });
      const list = $("recovery-codes");
      list.replaceChildren(...result.recoveryCodes.map(code => pe.text("li", code)));
      $("recovery").classList.remove("hidden");
      $("totp-enrol").classList.add("hidden");
      await refresh();
    } catch (e) { $("totp-message").textContent = e.message; }
  });

  $("totp-disable").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await pe.call("POST", "/api/auth/totp/disable", form(event.target));
      event.target.reset();
      await refresh();
    } catch (e) { $("totp-message").textContent = e.message; }
  });

  $("logout").addEventListener("click", async () => { await pe.call("POST", "/api/auth/logout"); show(null); });
  $("logout-everywhere").addEventListener("click", async () => { await pe.call("POST", "/api/auth/logout-everywhere"); show(null); });

  const confirmToken = new URLSearchParams(window.location.hash.slice(1)).get("confirm");
  if (confirmToken) confirmRegistration(confirmToken); else refresh();
})();
