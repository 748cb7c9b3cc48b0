// Order page: what a shopper wants to know about an order, in words, in their own time zone. Follows the order over
// SignalR and refetches on reconnect or a version gap. Never shows internal ids, event codes or provider ids.
"use strict";
(() => {
  const params = new URLSearchParams(location.search);
  const orderId = params.get("id");
  const token = params.get("token");
  const query = token ? `?token=${encodeURIComponent(token)}` : "";
  let version = 0;

  const paymentWords = {
    Pending: "Awaiting payment", Authorized: "Payment authorised", Paid: "Paid", PartiallyRefunded: "Partly refunded",
    Refunded: "Refunded", Failed: "Payment declined", Expired: "Not paid in time", Voided: "Payment cancelled",
  };
  const fulfilmentWords = {
    Unfulfilled: "Not shipped yet", InProgress: "Being prepared", Shipped: "Shipped", Delivered: "Delivered",
    OnHold: "On hold", Cancelled: "Cancelled",
  };
  // Why a card was refused, as the shopper's bank would put it; unknown codes get the general sentence.
  const declineWords = {
    card_declined: "Your bank declined the card.",
    insufficient_funds: "The card does not have enough funds.",
    processing_error: "The card could not be processed. Nothing was charged.",
    expired_card: "The card has expired.",
    incorrect_cvc: "The card's security code was not right.",
    canceled: "The payment was cancelled.",
  };
  // Timeline codes a shopper should see, in words; anything else (retries, staff notes, ignored messages) is left out.
  const eventWords = {
    "order.created": "Order placed",
    "payment.started": "Payment started",
    "payment.requires_action": "Your bank asked you to confirm the payment",
    "payment.authorized": "Payment authorised",
    "payment.paid": "Payment received",
    "payment.failed": "Payment declined",
    "payment.retry_reminded": "We emailed you a reminder to complete the payment",
    "payment.refunded": "Refunded",
    "payment.partially_refunded": "Partly refunded",
    "payment.late_refunded": "A payment that arrived too late was returned to you",
    "payment.amount_mismatch": "A payment that did not match the total was returned to you",
    "payment.disputed": "Payment disputed — the order is on hold",
    "order.expired": "Order closed: it was not paid in time",
    "order.cancelled": "Order cancelled",
    "order.link_sent": "A fresh link to this order was emailed to you",
    "fulfilment.in_progress": "Being prepared for shipping",
    "fulfilment.shipped": "Shipped",
    "fulfilment.on_hold": "On hold — we will be in touch",
    "fulfilment.delivered": "Delivered",
  };
  const carrierNames = { ups: "UPS", usps: "USPS", fedex: "FedEx", dhl: "DHL", dhl_express: "DHL Express", royal_mail: "Royal Mail" };

  const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const money = m => m ? new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency }).format(m.amount) : "—";
  const $ = id => document.getElementById(id);

  function time(iso) {
    const element = document.createElement("time");
    element.dateTime = iso;
    element.textContent = when.format(new Date(iso));
    return element;
  }

  function carrierName(carrier) {
    if (!carrier) return "the carrier";
    return carrierNames[carrier.toLowerCase()] || carrier.replace(/_/g, " ").replace(/^\w/, c => c.toUpperCase());
  }

  function headline(order) {
    if (order.fulfilment === "Cancelled" || order.payment === "Voided") return "This order was cancelled.";
    if (order.payment === "Expired") return "This order was not paid in time and has been closed.";
    if (order.payment === "Refunded") return "This order was refunded.";
    if (order.fulfilment === "Delivered") return "Delivered. Thank you for your order!";
    if (order.fulfilment === "Shipped") return "On its way.";
    if (order.fulfilment === "OnHold") return "On hold — we will be in touch by email.";
    if (order.payment === "Failed") return "Your payment did not go through.";
    if (order.payment === "Pending") return "Waiting for your payment.";
    if (order.fulfilment === "InProgress") return "Paid — being prepared for shipping.";
    return "Paid — we will prepare it for shipping shortly.";
  }

  function row(label, value, className) {
    const wrap = document.createElement("div");
    if (className) wrap.className = className;
    wrap.append(pe.text("dt", label), pe.text("dd", value));
    return wrap;
  }

  function renderItems(order) {
    $("items").replaceChildren(...order.lines.map(line => {
      const tr = document.createElement("tr");
      const name = pe.text("td", line.name);
      const lot = pe.text("span", `Lot ${line.lot}`, "muted block");
      name.append(lot);
      tr.append(name, pe.text("td", String(line.quantity), "num"), pe.text("td", money(line.unitPrice), "num"), pe.text("td", money(line.lineTotal), "num"));
      return tr;
    }));
    const totals = [row("Subtotal", money(order.subtotal))];
    if (order.pointsRedeemed > 0) {
      totals.push(row(`Points used (${order.pointsRedeemed})`, `− ${money(order.discount)}`));
    } else if (order.discount && order.discount.amount > 0) {
      totals.push(row("Discount", `− ${money(order.discount)}`));
    }
    totals.push(row("Total", money(order.total), "grand"));
    if (order.refunded && order.refunded.amount > 0) totals.push(row("Refunded", money(order.refunded)));
    if (order.pointsEarned > 0) totals.push(row("Points earned", `${order.pointsEarned} points`));
    $("totals").replaceChildren(...totals);
  }

  function renderAddress(to) {
    const address = $("ship-to");
    if (!to) { address.textContent = "—"; return; }
    const lines = [to.name, to.line1, to.line2, [to.postalCode, to.city].filter(Boolean).join(" "), to.region, displayCountry(to.country)];
    address.replaceChildren(...lines.filter(Boolean).map(l => pe.text("span", l, "block")));
  }

  function displayCountry(code) {
    try { return new Intl.DisplayNames(undefined, { type: "region" }).of(code) || code; } catch { return code; }
  }

  function renderShipping(order) {
    const tracking = $("tracking");
    tracking.replaceChildren();
    if (order.fulfilment !== "Shipped" && order.fulfilment !== "Delivered") return;
    const carrier = carrierName(order.carrier);
    if (order.trackingNumber) {
      const link = pe.text(order.trackingUrl ? "a" : "span", order.trackingNumber);
      if (order.trackingUrl) { link.href = order.trackingUrl; link.rel = "noopener"; }
      tracking.append(`${order.fulfilment === "Delivered" ? "Delivered by" : "Shipped with"} ${carrier} — tracking `, link);
    } else {
      tracking.append(`Shipped with ${carrier}.`);
    }
  }

  function render(order) {
    version = order.version;
    $("order").removeAttribute("aria-busy");
    const placed = $("placed");
    placed.replaceChildren("Placed ", time(order.createdAt));
    if (order.payment === "Pending" && order.paymentDueBy) placed.append(" · please pay by ", time(order.paymentDueBy));
    $("headline").textContent = headline(order);
    $("payment").textContent = paymentWords[order.payment] || order.payment;
    $("fulfilment").textContent = order.payment === "Pending" && order.fulfilment === "Unfulfilled" ? "Waiting for payment" : (fulfilmentWords[order.fulfilment] || order.fulfilment);
    $("payment").dataset.state = order.payment;
    $("fulfilment").dataset.state = order.fulfilment;
    renderShipping(order);
    renderItems(order);
    renderAddress(order.shipTo);
    $("timeline").replaceChildren(...order.timeline.filter(t => eventWords[t.event]).slice().reverse().map(t => {
      const item = document.createElement("li");
      item.append(time(t.at), " ", pe.text("span", eventWords[t.event]));
      return item;
    }));
    const failed = order.payment === "Failed";
    $("retry").classList.toggle("hidden", !failed);
    $("decline").textContent = failed ? `${declineWords[order.lastDeclineCode] || "The payment did not go through."} Please try another card.` : "";
    const action = $("action");
    action.classList.toggle("hidden", !order.paymentActionUrl);
    if (order.paymentActionUrl) action.href = order.paymentActionUrl;
  }

  async function refetch() { render(await pe.call("GET", `/api/orders/${orderId}${query}`)); }

  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/orders").withAutomaticReconnect().build();
  const live = $("live");
  connection.on("orderStatus", change => {
    // Messages carry the version: the next one is applied, anything else means we missed one.
    if (change.version === version + 1) {
      version = change.version;
      refetch();
    } else if (change.version > version) {
      refetch();
    }
  });
  async function follow() {
    render(await connection.invoke("Follow", orderId, token));
    live.textContent = "live";
  }
  connection.onreconnecting(() => { live.textContent = "reconnecting…"; });
  connection.onreconnected(() => follow());

  $("retry").addEventListener("submit", async event => {
    event.preventDefault();
    const form = event.target;
    const button = form.querySelector("button");
    const card = new FormData(form).get("card");
    button.disabled = true;
    $("decline").textContent = "Trying the card…";
    try { render(await pe.call("POST", `/api/orders/${orderId}/pay${query}`, { cardToken: card })); }
    catch (e) { $("decline").textContent = e.message; }
    finally { button.disabled = false; }
  });

  // The API answers 404 alike for a missing order and a bad or expired link: offer a fresh link by email.
  const linkForm = $("link-form");
  linkForm.addEventListener("submit", async event => {
    event.preventDefault();
    const status = $("link-status");
    const email = new FormData(event.target).get("email");
    try {
      const answer = await pe.call("POST", `/api/orders/${encodeURIComponent(orderId)}/access-link`, { email });
      status.textContent = answer.message;
    } catch (e) {
      status.textContent = e.message;
    }
  });

  refetch().then(() => connection.start()).then(follow).catch(e => {
    if (e.status === 404 && orderId) {
      document.querySelectorAll("main > .panel:not(form)").forEach(p => p.classList.add("hidden"));
      $("order").removeAttribute("aria-busy");
      $("placed").textContent = "";
      linkForm.classList.remove("hidden");
      live.textContent = "link expired";
      return;
    }
    $("placed").textContent = "We could not load your order just now. Reload the page to try again.";
    live.textContent = "offline";
  });
})();
