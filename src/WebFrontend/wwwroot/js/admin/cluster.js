// Cluster: silos with their status and the store's grain activations (from Orleans' management grain), and a link to the Orleans Dashboard.
import { call, el, fill } from "./http.js";

const $ = id => document.getElementById(id);

export function silos(snapshot) {
  fill($("silo-rows"), snapshot.silos, s => el("tr", {}, el("td", {}, s.name), el("td", {}, s.status), el("td", { className: "num" }, String(s.activations))), "No silos.", 3);
  $("silo-total").textContent = `${snapshot.silos.length} silos, ${snapshot.activations} activations`;
}

export const cluster = {
  id: "cluster",
  title: "Cluster",
  async show() {
    silos(await call("GET", "/api/admin/dashboard"));
  },
};
