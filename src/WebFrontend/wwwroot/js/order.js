// Order status page: follows the order over SignalR, refetches on reconnect or a version gap.
"use strict";
(() => {
  const params = new URLSearchParams(location.search);
  const orderId = params.get("id");
  const token = params.get("token");
  const query = token ? `?token=${encodeURIComponent(token)}` : "";
  let version = 0;

  function render(order) {
    version = order.version;
    document.getElementById("order-id").textContent = order.orderId;
    document.getElementById("payment").textContent = order.payment;
    document.getElementById("fulfilment").textContent = order.fulfilment;
    document.getElementById("version").textContent = order.version;
    document.getElementById("total").textContent = `Total ${pe.money(order.total)}`;
    const tracking = document.getElementById("tracking");
    tracking.replaceChildren();
    if (order.trackingNumber) {
      const link = pe.text("a", `${order.carrier || ""} ${order.trackingNumber}`);
      if (order.trackingUrl) link.href = order.trackingUrl;
      tracking.append("Tracking: ", link);
    }
    document.getElementById("timeline").replaceChildren(
      ...order.timeline.map(t => pe.text("li", `${new Date(t.at).toLocaleTimeString()} ${t.event} — ${t.detail}`)));
    const retry = document.getElementById("retry");
    retry.classList.toggle("hidden", order.payment !== "Failed");
    document.getElementById("decline").textContent = order.payment === "Failed" ? `Payment failed: ${order.lastDeclineCode}` : "";
  }

  async function refetch() { render(await pe.call("GET", `/api/orders/${orderId}${query}`)); }

  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/orders").withAutomaticReconnect().build();
  const live = document.getElementById("live");
  connection.on("orderStatus", change => {
    // Messages carry the version: the next one is applied, anything else means we missed one.
    if (change.version === version + 1) {
      version = change.version;
      refetch();
    } else if (change.version > version) {
      refetch();
    }
  });
  async function follow() {
    render(await connection.invoke("Follow", orderId, token));
    live.textContent = "live";
  }
  connection.onreconnecting(() => { live.textContent = "reconnecting…"; });
  connection.onreconnected(() => follow());

  document.getElementById("retry").addEventListener("submit", async event => {
    event.preventDefault();
    const card = new FormData(event.target).get("card");
    try { render(await pe.call("POST", `/api/orders/${orderId}/pay${query}`, { cardToken: card })); }
    catch (e) { document.getElementById("decline").textContent = e.message; }
  });

  // The API answers 404 alike for a missing order and a bad or expired link: offer a fresh link by email.
  const linkForm = document.getElementById("link-form");
  linkForm.addEventListener("submit", async event => {
    event.preventDefault();
    const status = document.getElementById("link-status");
    const email = new FormData(event.target).get("email");
    try {
      const answer = await pe.call("POST", `/api/orders/${encodeURIComponent(orderId)}/access-link`, { email });
      status.textContent = answer.message;
    } catch (e) {
      status.textContent = e.message;
    }
  });

  refetch().then(() => connection.start()).then(follow).catch(e => {
    if (e.status === 404 && orderId) {
      linkForm.classList.remove("hidden");
      live.textContent = "link expired";
      return;
    }
    live.textContent = `offline: ${e.message}`;
  });
})();
