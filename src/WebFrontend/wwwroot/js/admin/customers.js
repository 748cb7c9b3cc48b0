// Customers: search accounts; a customer's orders, wallet with its ledger, a points adjustment with a reason, and
// (admins, for other accounts) the role.
import { act, call, el, fill, formData, money, row, when } from "./http.js";
import { isAdmin, session } from "./session.js";

const $ = id => document.getElementById(id);
let wired = false;

async function list() {
  const q = formData($("customer-search")).q;
  const result = await call("GET", `/api/admin/customers?pageSize=50${q ? `&q=${encodeURIComponent(q)}` : ""}`);
  fill($("customer-rows"), result.items, c => row([
    el("a", { href: `#customers/${c.customerId}` }, c.email), c.role, String(c.orders), when(c.lastOrderAt), when(c.createdAt),
  ], { dataset: { customerId: c.customerId } }), "No customers match.", 5);
  $("customer-count").textContent = `${result.total} accounts`;
}

async function detail(customerId) {
  const d = await call("GET", `/api/admin/customers/${encodeURIComponent(customerId)}`);
  const section = $("customer-detail");
  section.hidden = false;
  section.dataset.customerId = d.customer.customerId;
  $("customer-email").textContent = d.customer.email;
  $("customer-meta").textContent = `${d.customer.role}, id ${d.customer.customerId}, since ${when(d.customer.createdAt)}`;
  $("wallet-balance").textContent = `${d.wallet.balance} points (${d.wallet.held} held)${d.wallet.nextExpiry ? `, next expiry ${when(d.wallet.nextExpiry)}` : ""}`;
  fill($("customer-orders"), d.recentOrders, o => row([
    el("a", { href: `#orders/${o.orderId}` }, o.orderId), o.payment, o.fulfilment, money(o.total, o.currency), when(o.createdAt),
  ]), "No orders.", 5);
  fill($("ledger-rows"), d.wallet.ledger.slice().reverse(), e => row([
    el("time", { dateTime: e.at }, when(e.at)), e.kind, String(e.points), e.reason,
  ]), "The ledger is empty.", 4);
  $("points-form").hidden = !isAdmin();
  $("role-form").hidden = !isAdmin() || d.customer.customerId === session.me?.userId;
  $("role-form").elements.role.value = d.customer.role;
}

export const customers = {
  id: "customers",
  title: "Customers",
  async show(customerId) {
    if (!wired) {
      wired = true;
      $("customer-search").addEventListener("submit", e => { e.preventDefault(); list(); });
      $("points-form").addEventListener("submit", async e => {
        e.preventDefault();
        const id = $("customer-detail").dataset.customerId;
        const f = formData(e.target);
        const points = f.points.trim() === "" ? null : Number(f.points);
        const key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
        if (await act($("points-result"), () => call("POST", `/api/admin/customers/${id}/points`, { points, reason: f.reason, key }), "Points adjusted.")) {
          e.target.reset();
          await detail(id);
        }
      });
      $("role-form").addEventListener("submit", async e => {
        e.preventDefault();
        const id = $("customer-detail").dataset.customerId;
        const role = formData(e.target).role;
        if (await act($("role-result"), () => call("PUT", `/api/admin/customers/${id}/role`, { role }), `Now ${role}; their sessions end within a minute.`)) {
          await detail(id);
          await list();
        }
      });
    }
    await list();
    if (customerId) {
      $("points-result").textContent = "";
      $("role-result").textContent = "";
      await detail(customerId);
    } else {
      $("customer-detail").hidden = true;
    }
  },
};
