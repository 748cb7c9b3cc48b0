// Products and stock: the catalog with stock per SKU; create or edit a product (price, lot, certificate link) and set stock.
import { act, call, el, fill, formData, money } from "./http.js";
import { isAdmin } from "./session.js";

const $ = id => document.getElementById(id);
let wired = false;
let products = new Map();

function edit(product) {
  const form = $("product-form");
  form.elements.sku.value = product.sku;
  form.elements.sku.readOnly = true;
  form.elements.name.value = product.name;
  form.elements.price.value = Number(product.price.amount).toFixed(2);
  form.elements.lot.value = product.lot;
  form.elements.certificateUrl.value = product.certificateUrl;
  form.elements.description.value = product.description || "";
  form.elements.active.checked = product.active;
  $("product-form-title").textContent = `Edit ${product.sku}`;
  const stock = $("stock-form");
  stock.elements.sku.value = product.sku;
  $("stock-sku").textContent = product.sku;
  form.scrollIntoView({ block: "start" });
}

function startNew() {
  const form = $("product-form");
  form.reset();
  form.elements.sku.readOnly = false;
  form.elements.active.checked = true;
  $("product-form-title").textContent = "New product";
}

async function list() {
  const [catalog, stock] = await Promise.all([call("GET", "/api/admin/products"), call("GET", "/api/admin/stock")]);
  const units = new Map(stock.map(s => [s.sku, s]));
  products = new Map(catalog.map(p => [p.sku, p]));
  fill($("product-rows"), catalog, p => {
    const s = units.get(p.sku) || { onHand: 0, reserved: 0, available: 0, sold: 0 };
    const button = el("button", { type: "button", className: "secondary", onclick: () => edit(p), "aria-label": `Edit ${p.sku}` }, "Edit");
    button.hidden = !isAdmin();
    return el("tr", { dataset: { sku: p.sku } },
      el("td", {}, p.sku), el("td", {}, p.name), el("td", {}, money(p.price)), el("td", {}, p.lot),
      el("td", {}, el("a", { href: p.certificateUrl, rel: "noopener" }, "Certificate")),
      el("td", {}, p.active ? "Active" : "Inactive"),
      el("td", { className: "num", dataset: { testid: "on-hand" } }, String(s.onHand)), el("td", { className: "num" }, String(s.reserved)),
      el("td", { className: "num" }, String(s.available)), el("td", { className: "num" }, String(s.sold)), el("td", {}, button));
  }, "No products.", 11);
}

export const productsScreen = {
  id: "products",
  title: "Products and stock",
  async show() {
    if (!wired) {
      wired = true;
      $("new-product").addEventListener("click", startNew);
      $("product-form").addEventListener("submit", async e => {
        e.preventDefault();
        const f = formData(e.target);
        const body = {
          name: f.name, price: Number(f.price), lot: f.lot, certificateUrl: f.certificateUrl,
          description: f.description || null, active: e.target.elements.active.checked,
        };
        if (await act($("product-result"), () => call("PUT", `/api/admin/products/${encodeURIComponent(f.sku)}`, body), `Saved ${f.sku}.`)) {
          await list();
          if (products.has(f.sku)) edit(products.get(f.sku));
        }
      });
      $("stock-form").addEventListener("submit", async e => {
        e.preventDefault();
        const f = formData(e.target);
        const units = f.units.trim() === "" ? null : Number(f.units);
        if (await act($("stock-result"), () => call("PUT", `/api/admin/products/${encodeURIComponent(f.sku)}/stock`, { units, reason: f.reason || null }), `Stock of ${f.sku} set to ${units}.`)) {
          e.target.elements.units.value = "";
          await list();
        }
      });
    }
    // The editor appears once the list is in, so the list filling up does not push it down (layout shift).
    $("product-editor").hidden = true;
    await list();
    $("product-editor").hidden = !isAdmin();
  },
};
