// Small helpers shared by the pages: JSON calls that turn problem details into errors.
"use strict";
window.pe = {
  async call(method, url, body, headers) {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: Object.assign(body === undefined ? {} : { "Content-Type": "application/json" }, headers || {}),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.title)) || response.statusText);
      error.status = response.status;
      error.problem = data;
      throw error;
    }
    return data;
  },
  money(m) { return m ? `${Number(m.amount).toFixed(2)} ${m.currency}` : "—"; },
  text(tag, value, className) {
    const element = document.createElement(tag);
    element.textContent = value;
    if (className) element.className = className;
    return element;
  },
  newKey() { return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(/[^a-zA-Z0-9-]/g, ""); },
};
