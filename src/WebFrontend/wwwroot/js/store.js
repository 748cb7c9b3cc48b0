// Storefront: catalog, cart (id kept in localStorage), checkout with the sandbox cards.
"use strict";
(() => {
  const cartKey = "pe.cartId";
  let cartId = localStorage.getItem(cartKey);
  const money = m => m ? new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency }).format(m.amount) : "—";

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
      const item = pe.text("li", `${line.quantity} × ${line.name} — ${money(line.lineTotal)}`);
      item.dataset.sku = line.sku;
      const remove = pe.text("button", "Remove", "link");
      remove.type = "button";
      remove.setAttribute("aria-label", `Remove ${line.name}`);
      remove.addEventListener("click", async () => renderCart(await pe.call("DELETE", `/api/carts/${cartId}/lines/${encodeURIComponent(line.sku)}`)));
      item.append(" ", remove);
      return item;
    }));
    document.getElementById("cart-empty").classList.toggle("hidden", cart.lines.length > 0);
    document.getElementById("cart-subtotal").textContent = cart.lines.length > 0 ? money(cart.subtotal) : "—";
    document.getElementById("cart-link").textContent = `Cart (${cart.itemCount})`;
  }

  function productCard(p) {
    const card = document.createElement("article");
    card.className = "card";
    card.dataset.sku = p.sku;
    const coa = pe.text("a", `Certificate of analysis (lot ${p.lot})`);
    coa.href = p.certificateUrl;
    coa.rel = "noopener";
    const add = pe.text("button", p.available > 0 ? "Add to cart" : "Out of stock");
    add.type = "button";
    add.dataset.testid = "add-to-cart";
    // The accessible name starts with the visible text (voice control users say what they see).
    add.setAttribute("aria-label", `${add.textContent}: ${p.name}`);
    add.disabled = p.available <= 0;
    add.addEventListener("click", async () => {
      add.disabled = true;
      try {
        await ensureCart();
        renderCart(await pe.call("POST", `/api/carts/${cartId}/lines`, { sku: p.sku, quantity: 1 }));
      } catch (e) {
        document.getElementById("checkout-error").textContent = e.message;
      } finally {
        add.disabled = p.available <= 0;
      }
    });
    // The buy row sits at the bottom of every card, so the buttons line up whatever the description's length.
    const buy = document.createElement("div");
    buy.className = "buy";
    buy.append(pe.text("strong", money(p.price), "price"), pe.text("span", `${p.available} in stock`, "muted"), add);
    card.append(pe.text("h2", p.name), pe.text("p", p.description, "muted description"), coa, buy);
    return card;
  }

  async function loadCatalog() {
    const products = await pe.call("GET", "/api/catalog");
    const grid = document.getElementById("catalog");
    grid.replaceChildren(...products.map(productCard));
    grid.removeAttribute("aria-busy");
  }

  async function checkout(event) {
    event.preventDefault();
    const form = event.target;
    const error = document.getElementById("checkout-error");
    const button = form.querySelector("button[type=submit]");
    error.textContent = "";
    if (!cartId) {
      error.textContent = "Your cart is empty: add a product first.";
      return;
    }
    button.disabled = true;
    try {
      const data = Object.fromEntries(new FormData(form));
      // One key per attempt: a double click or a retried request returns the same order.
      form.dataset.key = form.dataset.key || pe.newKey();
      const order = await pe.call("POST", `/api/carts/${cartId}/checkout`, {
        email: data.email.trim(),
        shipTo: { name: data.name.trim(), line1: data.line1.trim(), city: data.city.trim(), postalCode: data.postalCode.trim(), country: data.country.trim().toUpperCase() },
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
