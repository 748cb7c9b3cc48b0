// Dashboard: live counters and two charts (orders per minute, revenue net of refunds per day) from /hubs/admin,
// open alerts and recent orders updating in place.
import { call, el, money, when } from "./http.js";

const $ = id => document.getElementById(id);
const orderRows = new Map();
let ordersChart = null;
let revenueChart = null;
let currency = "USD";
let started = false;

const ink = "#1c2430";
const grid = "#d5dbe3";
const accent = "#0b6e63";

function axis(title, ticks) {
  return { beginAtZero: true, title: { display: true, text: title, color: ink }, ticks: Object.assign({ color: ink }, ticks || {}), grid: { color: grid } };
}

function makeChart(canvas, label, yTitle, yTicks, xTitle) {
  return new window.Chart(canvas, {
    type: "bar",
    data: { labels: [], datasets: [{ label, data: [], backgroundColor: accent }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: axis(xTitle), y: axis(yTitle, yTicks) },
    },
  });
}

function charts(orders) {
  if (!window.Chart) return;
  if (!ordersChart) {
    ordersChart = makeChart($("orders-chart"), "Orders", "Orders", { precision: 0 }, "Minutes ago");
    revenueChart = makeChart($("revenue-chart"), "Net revenue", `Net revenue (${currency})`, { callback: v => money(v, currency) }, "Day (UTC)");
  }
  const perMinute = orders.ordersPerMinuteSeries;
  ordersChart.data.labels = perMinute.map((_, i) => String(perMinute.length - 1 - i));
  ordersChart.data.datasets[0].data = perMinute;
  ordersChart.update();
  const perDay = orders.revenuePerDaySeries;
  const today = new Date();
  revenueChart.data.labels = perDay.map((_, i) => {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (perDay.length - 1 - i)));
    return day.toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
  });
  revenueChart.data.datasets[0].data = perDay.map(Number);
  revenueChart.update();
}

export function counters(snapshot) {
  const o = snapshot.orders;
  currency = snapshot.currency || currency;
  $("c-orders").textContent = o.ordersPerMinute.toFixed(1);
  $("c-revenue").textContent = money(o.revenueToday, currency);
  $("c-failures").textContent = `${(o.paymentFailureRate * 100).toFixed(1)} %`;
  $("c-webhooks").textContent = String(o.webhookFailuresLast5Minutes);
  $("c-silos").textContent = `${snapshot.silos.length} / ${snapshot.activations}`;
  $("c-p95").textContent = `${Math.round(snapshot.checkoutP95Milliseconds)} ms`;
  $("c-total").textContent = String(Object.values(o.ordersByStatus).reduce((a, b) => a + b, 0));
  $("dashboard-updated").textContent = `Updated ${when(snapshot.at)}`;
  charts(o);
}

export function orderChanged(order) {
  let tr = orderRows.get(order.orderId);
  if (!tr) {
    tr = el("tr", { dataset: { orderId: order.orderId }, className: "clickable" });
    tr.addEventListener("click", () => { location.hash = `#orders/${order.orderId}`; });
    orderRows.set(order.orderId, tr);
    $("recent-orders").querySelector(".empty")?.closest("tr")?.remove();
    $("recent-orders").prepend(tr);
    while ($("recent-orders").rows.length > 15) {
      const last = $("recent-orders").rows[$("recent-orders").rows.length - 1];
      orderRows.delete(last.dataset.orderId);
      last.remove();
    }
  }
  if (Number(tr.dataset.version || 0) > order.version) return;
  tr.dataset.version = order.version;
  const total = order.total && order.total.amount !== undefined ? money(order.total) : money(order.total, order.currency);
  const link = el("a", { href: `#orders/${order.orderId}` }, order.orderId);
  tr.replaceChildren(...[link, order.customerId, order.payment, order.fulfilment, total].map(v => el("td", {}, v)));
}

export function alertRaised(alert) {
  const list = $("dashboard-alerts");
  list.querySelector(".empty")?.remove();
  list.prepend(el("li", {}, el("time", { dateTime: alert.raisedAt }, when(alert.raisedAt)), " ", alert.message));
}

export const dashboard = {
  id: "dashboard",
  title: "Dashboard",
  async show() {
    if (started) return;
    started = true;
    const page = await call("GET", "/api/admin/orders?pageSize=15");
    $("recent-orders").replaceChildren();
    if (page.items.length === 0) $("recent-orders").append(el("tr", {}, el("td", { colSpan: 5, className: "empty" }, "No orders yet.")));
    page.items.slice().reverse().forEach(orderChanged);
    const open = await call("GET", "/api/admin/alerts?open=true&limit=5");
    $("dashboard-alerts").replaceChildren();
    if (open.length === 0) $("dashboard-alerts").append(el("li", { className: "empty" }, "No open alerts."));
    open.slice().reverse().forEach(alertRaised);
    counters(await call("GET", "/api/admin/dashboard"));
  },
};
