// Shared helpers of the admin console: JSON calls (problem details become errors), formatting, small DOM builders.
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    const message = (data && (data.detail || data.title)) || response.statusText || `HTTP ${response.status}`;
    throw new ApiError(data && data.code ? `${message} (${data.code})` : message, response.status, data);
  }
  return data;
}

const formats = new Map();

// Money with its currency symbol, e.g. "$1,234.50" (the currency comes with every amount).
export function money(amount, currency) {
  if (amount && typeof amount === "object") { currency = amount.currency; amount = amount.amount; }
  if (amount === undefined || amount === null || !currency) return "—";
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: "currency", currency });
    formats.set(currency, format);
  }
  return format.format(Number(amount));
}

export function when(value) {
  return value ? new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) : "—";
}

// el("td", {className: "x", dataset: {a: 1}}, "text", child, ...): attributes are properties (never HTML).
export function el(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "dataset") Object.assign(element.dataset, value);
    else if (key.startsWith("aria-") || key === "role" || key === "scope" || key === "for") element.setAttribute(key, value);
    else if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function row(cells, props) {
  return el("tr", props, cells.map(c => el("td", {}, c)));
}

// Fills a <tbody> (or list), or shows one "nothing here" row so an empty list is not a blank space.
export function fill(target, items, render, emptyText, columns) {
  const rendered = items.map(render);
  if (rendered.length === 0) {
    target.replaceChildren(target.tagName === "TBODY"
      ? el("tr", {}, el("td", { colSpan: columns || 1, className: "empty" }, emptyText))
      : el("li", { className: "empty" }, emptyText));
  } else {
    target.replaceChildren(...rendered);
  }
}

// Runs an action from a form or button, reporting success or the API's message in the given status element.
export async function act(statusElement, action, success) {
  statusElement.textContent = "";
  statusElement.classList.remove("error", "ok");
  try {
    const result = await action();
    statusElement.textContent = success || "Done.";
    statusElement.classList.add("ok");
    return result;
  } catch (e) {
    statusElement.textContent = e.message;
    statusElement.classList.add("error");
    return undefined;
  }
}

export function formData(form) {
  return Object.fromEntries(new FormData(form));
}
