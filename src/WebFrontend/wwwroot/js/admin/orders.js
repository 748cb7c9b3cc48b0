// Orders: filter and search, paged list; detail with lines, customer, address, money, full timeline, refund and cancel.
import { act, call, el, fill, formData, money, row, when } from "./http.js";
import { isAdmin } from "./session.js";

const $ = id => document.getElementById(id);
let page = 1;
let wired = false;

async function list() {
  const f = formData($("order-filter"));
  const query = new URLSearchParams({ page: String(page), pageSize: "20" });
  if (f.q) query.set("q", f.q);
  if (f.payment) query.set("payment", f.payment);
  if (f.fulfilment) query.set("fulfilment", f.fulfilment);
  if (f.deadLettered) query.set("deadLettered", "true");
  const result = await call("GET", `/api/admin/orders?${query}`);
  fill($("order-rows"), result.items, o => row([
    el("a", { href: `#orders/${o.orderId}` }, o.orderId), o.customerId, o.payment, o.fulfilment, money(o.total, o.currency), when(o.createdAt),
  ], { dataset: { orderId: o.orderId } }), "No orders match.", 6);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  $("order-page").textContent = `Page ${result.pageNumber} of ${pages} (${result.total} orders)`;
  // Shown once the rows are in, so they do not push it down as they arrive (layout shift).
  $("order-pager").hidden = false;
  $("order-prev").disabled = page <= 1;
  $("order-next").disabled = page >= pages;
}

function address(a) {
  if (!a) return "—";
  return [a.name, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(" "), a.region, a.country].filter(Boolean).join(", ");
}

async function detail(orderId) {
  const order = await call("GET", `/api/admin/orders/${encodeURIComponent(orderId)}`);
  const section = $("order-detail");
  section.hidden = false;
  section.dataset.orderId = order.orderId;
  $("detail-id").textContent = order.orderId;
  $("detail-status").textContent = `${order.payment} / ${order.fulfilment}`;
  $("detail-customer").replaceChildren(el("a", { href: `#customers/${order.customerId}` }, order.email || order.customerId));
  $("detail-address").textContent = address(order.shipTo);
  $("detail-created").textContent = when(order.createdAt);
  $("detail-money").textContent =
    `Subtotal ${money(order.subtotal)}, discount ${money(order.discount)}, total ${money(order.total)}, refunded ${money(order.refunded)}`;
  $("detail-tracking").textContent = order.trackingNumber ? `${order.carrier || ""} ${order.trackingNumber}`.trim() : "—";
  fill($("detail-lines"), order.lines, l => row([l.sku, l.name, l.lot, String(l.quantity), money(l.unitPrice), money(l.unitPrice.amount * l.quantity, l.unitPrice.currency)]), "No lines.", 6);
  fill($("detail-timeline"), order.timeline.slice().reverse(), t => row([el("time", { dateTime: t.at }, when(t.at)), t.event, t.detail]), "No events.", 3);
  $("refund-form").hidden = !isAdmin();
  $("refund-amount").max = String(Math.max(0, order.total.amount - order.refunded.amount));
}

export const orders = {
  id: "orders",
  title: "Orders",
  async show(orderId) {
    if (!wired) {
      wired = true;
      $("order-filter").addEventListener("submit", e => { e.preventDefault(); page = 1; list(); });
      $("order-prev").addEventListener("click", () => { page--; list(); });
      $("order-next").addEventListener("click", () => { page++; list(); });
      $("refund-form").addEventListener("submit", async e => {
        e.preventDefault();
        const id = $("order-detail").dataset.orderId;
        const f = formData(e.target);
        if (await act($("detail-result"), () => call("POST", `/api/admin/orders/${id}/refund`, { amount: Number(f.amount), reason: f.reason }), "Refunded.")) {
          e.target.reset();
          await detail(id);
          await list();
        }
      });
      $("cancel-form").addEventListener("submit", async e => {
        e.preventDefault();
        const id = $("order-detail").dataset.orderId;
        const f = formData(e.target);
        if (await act($("detail-result"), () => call("POST", `/api/admin/orders/${id}/cancel`, { reason: f.reason }), "Cancelled.")) {
          e.target.reset();
          await detail(id);
          await list();
        }
      });
    }
    await list();
    if (orderId) {
      $("detail-result").textContent = "";
      await detail(orderId);
      $("order-detail").scrollIntoView({ block: "start" });
    } else {
      $("order-detail").hidden = true;
    }
  },
};
