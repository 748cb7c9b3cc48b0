// Admin dashboard: live counters and chart, alerts, recent orders updating in place, order detail.
"use strict";
(() => {
  const rows = new Map();

  function row(order) {
    let tr = rows.get(order.orderId);
    if (!tr) {
      tr = document.createElement("tr");
      tr.dataset.orderId = order.orderId;
      tr.addEventListener("click", () => showDetail(order.orderId));
      rows.set(order.orderId, tr);
      document.getElementById("orders").prepend(tr);
    }
    if (Number(tr.dataset.version || 0) > order.version) return;
    tr.dataset.version = order.version;
    const total = order.total && order.total.amount !== undefined ? pe.money(order.total) : `${Number(order.total).toFixed(2)} ${order.currency}`;
    tr.replaceChildren(...[order.orderId, order.customerId, order.payment, order.fulfilment, total, order.version].map(v => pe.text("td", String(v))));
  }

  function counters(snapshot) {
    const o = snapshot.orders;
    document.getElementById("c-orders").textContent = o.ordersPerMinute.toFixed(1);
    document.getElementById("c-revenue").textContent = Number(o.revenueToday).toFixed(2);
    document.getElementById("c-failures").textContent = `${(o.paymentFailureRate * 100).toFixed(1)}%`;
    document.getElementById("c-webhooks").textContent = o.webhookFailuresLast5Minutes;
    document.getElementById("c-silos").textContent = `${snapshot.silos.length} / ${snapshot.activations}`;
    document.getElementById("c-total").textContent = Object.values(o.ordersByStatus).reduce((a, b) => a + b, 0);
    chart(o.ordersPerMinuteSeries);
  }

  function chart(series) {
    const canvas = document.getElementById("chart");
    const g = canvas.getContext("2d");
    const max = Math.max(1, ...series);
    const w = canvas.width / series.length;
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = "#0b6e63";
    series.forEach((v, i) => {
      const h = (v / max) * (canvas.height - 20);
      g.fillRect(i * w + 2, canvas.height - h, w - 4, h);
    });
    g.fillStyle = "#6b7685";
    g.fillText("orders per minute, last 15 minutes", 8, 12);
  }

  function alert(a) {
    document.getElementById("alerts").prepend(pe.text("li", `${new Date(a.raisedAt).toLocaleTimeString()} ${a.message}`));
  }

  async function showDetail(orderId) {
    const order = await pe.call("GET", `/api/admin/orders/${orderId}`);
    const detail = document.getElementById("detail");
    detail.classList.remove("hidden");
    detail.dataset.orderId = orderId;
    document.getElementById("detail-id").textContent = orderId;
    document.getElementById("detail-status").textContent = `${order.payment} / ${order.fulfilment} — ${pe.money(order.total)}, refunded ${pe.money(order.refunded)}`;
    document.getElementById("detail-timeline").replaceChildren(...order.timeline.map(t => pe.text("li", `${t.event} — ${t.detail}`)));
  }

  async function act(path, body) {
    const id = document.getElementById("detail").dataset.orderId;
    const error = document.getElementById("detail-error");
    error.textContent = "";
    try { await pe.call("POST", `/api/admin/orders/${id}/${path}`, body); await showDetail(id); }
    catch (e) { error.textContent = e.message; }
  }

  async function start() {
    document.getElementById("login").classList.add("hidden");
    document.getElementById("dashboard").classList.remove("hidden");
    const page = await pe.call("GET", "/api/admin/orders?pageSize=20");
    page.items.slice().reverse().forEach(row);
    (await pe.call("GET", "/api/admin/alerts?limit=10")).reverse().forEach(alert);
    const live = document.getElementById("live");
    const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/admin").withAutomaticReconnect().build();
    connection.on("counters", counters);
    connection.on("orderChanged", row);
    connection.on("alert", alert);
    connection.onreconnecting(() => { live.textContent = "reconnecting…"; });
    connection.onreconnected(() => { live.textContent = "live"; });
    await connection.start();
    live.textContent = "live";
  }

  document.getElementById("refund").addEventListener("click", () =>
    act("refund", { amount: Number(document.getElementById("refund-amount").value), reason: "refund from the dashboard" }));
  document.getElementById("cancel").addEventListener("click", () => act("cancel", { reason: "cancelled from the dashboard" }));
  document.getElementById("login").addEventListener("submit", async event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target));
    try {
      await pe.call("POST", "/api/auth/login", { email: data.email, password: data.password, totpCode: data.totpCode || null });
      await start();
    } catch (e) { document.getElementById("login-error").textContent = e.message; }
  });

  pe.call("GET", "/api/auth/me")
    .then(me => (me.role === "Admin" || me.role === "Staff") ? start() : Promise.reject(new Error("not staff")))
    .catch(() => document.getElementById("login").classList.remove("hidden"));
})();
