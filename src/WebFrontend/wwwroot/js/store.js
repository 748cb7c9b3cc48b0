// Storefront: catalog, cart (id kept in localStorage), checkout with the sandbox cards.
"use strict";
(() => {
  const cartKey = "pe.cartId";
  let cartId = localStorage.getItem(cartKey);

  async function ensureCart() {
    if (cartId) {
      try { return await pe.call("GET", `/api/carts/${cartId}`); } catch (e) { if (e.status !== 404) throw e; }
    }
    const cart = await pe.call("POST", "/api/carts");
    cartId = cart.cartId;
    localStorage.setItem(cartKey, cartId);
    return cart;
  }

  function renderCart(cart) {
    const list = document.getElementById("cart-lines");
    list.replaceChildren(...cart.lines.map(line => {
      const item = pe.text("li", `${line.quantity} × ${line.name} — ${pe.money(line.lineTotal)}`);
      item.dataset.sku = line.sku;
      const remove = pe.text("button", "remove");
      remove.addEventListener("click", async () => renderCart(await pe.call("DELETE", `/api/carts/${cartId}/lines/${encodeURIComponent(line.sku)}`)));
      item.append(" ", remove);
      return item;
    }));
    document.getElementById("cart-subtotal").textContent = pe.money(cart.subtotal);
  }

  async function loadCatalog() {
    const products = await pe.call("GET", "/api/catalog");
    const grid = document.getElementById("catalog");
    grid.replaceChildren(...products.map(p => {
      const card = document.createElement("article");
      card.className = "card";
      card.dataset.sku = p.sku;
      const coa = pe.text("a", `Certificate of analysis (lot ${p.lot})`);
      coa.href = p.certificateUrl;
      coa.rel = "noopener";
      const add = pe.text("button", "Add to cart");
      add.dataset.testid = "add-to-cart";
      add.disabled = p.available <= 0;
      add.addEventListener("click", async () => {
        await ensureCart();
        renderCart(await pe.call("POST", `/api/carts/${cartId}/lines`, { sku: p.sku, quantity: 1 }));
      });
      card.append(pe.text("h3", p.name), pe.text("p", p.description, "muted"), coa,
        pe.text("strong", pe.money(p.price)), pe.text("span", `${p.available} in stock`, "muted"), add);
      return card;
    }));
  }

  async function checkout(event) {
    event.preventDefault();
    const form = event.target;
    const error = document.getElementById("checkout-error");
    const button = form.querySelector("button");
    error.textContent = "";
    button.disabled = true;
    try {
      const data = Object.fromEntries(new FormData(form));
      // One key per attempt: a double click or a retried request returns the same order.
      form.dataset.key = form.dataset.key || pe.newKey();
      const order = await pe.call("POST", `/api/carts/${cartId}/checkout`, {
        email: data.email,
        shipTo: { name: data.name, line1: data.line1, city: data.city, postalCode: data.postalCode, country: data.country.toUpperCase() },
        pointsToRedeem: 0,
      }, { "Idempotency-Key": form.dataset.key });
      const token = order.accessToken ? `?token=${order.accessToken}` : "";
      await pe.call("POST", `/api/orders/${order.orderId}/pay${token}`, { cardToken: data.card });
      delete form.dataset.key;
      location.href = order.orderUrl;
    } catch (e) {
      error.textContent = e.message;
      button.disabled = false;
    }
  }

  document.getElementById("checkout").addEventListener("submit", checkout);
  loadCatalog().then(() => cartId ? ensureCart().then(renderCart) : null).catch(e => {
    document.getElementById("checkout-error").textContent = e.message;
  });
})();
