// Webhook log with replay, email log with resend, alerts with acknowledge.
import { act, call, el, fill, formData, when } from "./http.js";
import { isAdmin } from "./session.js";

const $ = id => document.getElementById(id);
const wired = new Set();

function once(id, wire) {
  if (!wired.has(id)) { wired.add(id); wire(); }
}

function status(formId) {
  const s = formData($(formId)).status;
  return s ? `&status=${encodeURIComponent(s)}` : "";
}

async function listWebhooks() {
  const events = await call("GET", `/api/admin/webhooks?limit=100${status("webhook-filter")}`);
  fill($("webhook-rows"), events, w => {
    const replayable = isAdmin() && (w.status === "Failed" || w.status === "Abandoned");
    const button = replayable
      ? el("button", { type: "button", className: "secondary", "aria-label": `Replay event ${w.eventId}`, onclick: () => replay(w.id) }, "Replay")
      : "";
    return el("tr", { dataset: { webhookId: String(w.id), eventId: w.eventId } },
      el("td", {}, w.provider), el("td", {}, w.eventId), el("td", {}, w.eventType), el("td", {}, w.status),
      el("td", { className: "num" }, String(w.attempts)), el("td", {}, w.lastError || ""), el("td", {}, when(w.receivedAt)), el("td", {}, button));
  }, "No webhook events.", 8);
}

async function replay(id) {
  if (await act($("webhook-result"), () => call("POST", `/api/admin/webhooks/${id}/replay`), `Event ${id} queued again.`) !== undefined) await listWebhooks();
}

async function listEmails() {
  const emails = await call("GET", `/api/admin/emails?limit=100${status("email-filter")}`);
  fill($("email-rows"), emails, m => {
    const button = isAdmin() && m.status !== "Pending"
      ? el("button", { type: "button", className: "secondary", "aria-label": `Resend email ${m.id}`, onclick: () => resend(m.id) }, "Resend")
      : "";
    return el("tr", { dataset: { emailId: String(m.id) } },
      el("td", {}, m.kind), el("td", {}, m.recipient), el("td", {}, m.subject), el("td", {}, m.status),
      el("td", { className: "num" }, String(m.attempts)), el("td", {}, when(m.createdAt)), el("td", {}, when(m.sentAt)), el("td", {}, button));
  }, "No emails.", 8);
}

async function resend(id) {
  if (await act($("email-result"), () => call("POST", `/api/admin/emails/${id}/resend`), `Email ${id} queued to be sent again.`) !== undefined) await listEmails();
}

async function listAlerts() {
  const open = $("alert-open").checked;
  const alerts = await call("GET", `/api/admin/alerts?limit=100${open ? "&open=true" : ""}`);
  fill($("alert-rows"), alerts, a => {
    const button = a.acknowledgedAt
      ? `Acknowledged ${when(a.acknowledgedAt)}`
      : el("button", { type: "button", className: "secondary", "aria-label": `Acknowledge alert ${a.id}`, onclick: () => acknowledge(a.id) }, "Acknowledge");
    return el("tr", { dataset: { alertId: String(a.id) } },
      el("td", {}, when(a.raisedAt)), el("td", {}, a.kind), el("td", {}, a.message), el("td", {}, button));
  }, "No alerts.", 4);
}

async function acknowledge(id) {
  if (await act($("alert-result"), () => call("POST", `/api/admin/alerts/${id}/acknowledge`), `Alert ${id} acknowledged.`) !== undefined) await listAlerts();
}

export const webhooks = {
  id: "webhooks",
  title: "Webhooks",
  async show() {
    once("webhooks", () => $("webhook-filter").addEventListener("submit", e => { e.preventDefault(); listWebhooks(); }));
    await listWebhooks();
  },
};

export const emails = {
  id: "emails",
  title: "Emails",
  async show() {
    once("emails", () => $("email-filter").addEventListener("submit", e => { e.preventDefault(); listEmails(); }));
    await listEmails();
  },
};

export const alerts = {
  id: "alerts",
  title: "Alerts",
  async show() {
    once("alerts", () => $("alert-open").addEventListener("change", listAlerts));
    await listAlerts();
  },
  refresh() { if (wired.has("alerts")) listAlerts(); },
};
