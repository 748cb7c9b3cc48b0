// The admin console: sign-in, one screen per hash route (#dashboard, #orders/<id>, #products, #customers/<id>,
// #webhooks, #emails, #alerts, #cluster), the live connection to /hubs/admin, and sign-out.
import { isAdmin, loadMe, session, signIn, signOut } from "./session.js";
import { alertRaised, counters, dashboard, orderChanged } from "./dashboard.js";
import { orders } from "./orders.js";
import { productsScreen } from "./products.js";
import { customers } from "./customers.js";
import { alerts, emails, webhooks } from "./logs.js";
import { cluster, silos } from "./cluster.js";

const $ = id => document.getElementById(id);
const screens = [dashboard, orders, productsScreen, customers, webhooks, emails, alerts, cluster];
let connection = null;

async function route() {
  if (!session.me) return;
  const [name, param] = (location.hash.replace(/^#/, "") || "dashboard").split("/");
  const screen = screens.find(s => s.id === name) || dashboard;
  for (const s of screens) $(`view-${s.id}`).hidden = s !== screen;
  for (const link of document.querySelectorAll("#admin-nav a")) {
    if (link.getAttribute("href") === `#${screen.id}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${screen.title} — Pacific Edge admin`;
  const error = $("screen-error");
  error.textContent = "";
  try {
    await screen.show(param ? decodeURIComponent(param) : undefined);
  } catch (e) {
    error.textContent = `Could not load ${screen.title.toLowerCase()}: ${e.message}`;
  }
}

async function connect() {
  const live = $("live");
  if (!window.signalR) { live.textContent = "offline"; return; }
  connection = new window.signalR.HubConnectionBuilder().withUrl("/hubs/admin").withAutomaticReconnect().build();
  connection.on("counters", snapshot => { counters(snapshot); silos(snapshot); });
  connection.on("orderChanged", orderChanged);
  connection.on("alert", a => { alertRaised(a); alerts.refresh(); });
  connection.onreconnecting(() => { live.textContent = "reconnecting…"; });
  connection.onreconnected(() => { live.textContent = "live"; });
  connection.onclose(() => { live.textContent = "offline"; });
  await connection.start();
  live.textContent = "live";
}

async function enter() {
  $("login").hidden = true;
  $("console").hidden = false;
  $("admin-nav").classList.remove("invisible");
  $("signed-in").classList.remove("invisible");
  $("who").textContent = `${session.me.email} (${session.me.role})`;
  document.body.classList.toggle("staff-only", !isAdmin());
  await route();
  try { await connect(); } catch (e) { $("live").textContent = "offline"; }
}

function showLogin() {
  $("console").hidden = true;
  $("admin-nav").classList.add("invisible");
  $("signed-in").classList.add("invisible");
  $("login").hidden = false;
  document.title = "Sign in — Pacific Edge admin";
}

$("login").addEventListener("submit", async event => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(event.target));
  $("login-error").textContent = "";
  try {
    await signIn(data.email, data.password, data.totpCode);
    event.target.reset();
    await enter();
  } catch (e) {
    $("login-error").textContent = e.message;
  }
});

$("sign-out").addEventListener("click", async () => {
  try { await signOut(); } catch { /* the cookie may already be gone; show the sign-in form either way */ }
  if (connection) { await connection.stop(); connection = null; }
  $("live").textContent = "offline";
  // A fresh page: no screen keeps data of the signed-out user.
  location.replace("/admin.html");
});

window.addEventListener("hashchange", route);
loadMe().then(me => (me ? enter() : showLogin()), showLogin);
