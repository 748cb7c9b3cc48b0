// Who is signed in: the console asks the API once and screens read the role (some actions are admin-only).
import { call } from "./http.js";

export const session = { me: null };

export async function loadMe() {
  try {
    const me = await call("GET", "/api/admin/session");
    session.me = me && me.signedIn && me.staff ? me : null;
  } catch {
    session.me = null;
  }
  return session.me;
}

export function isAdmin() {
  return session.me !== null && session.me.role === "Admin";
}

export async function signIn(email, password, totpCode) {
  await call("POST", "/api/auth/login", { email, password, totpCode: totpCode || null });
  const me = await loadMe();
  if (!me) {
    await signOut();
    throw new Error("This account has no staff access.");
  }
  return me;
}

export async function signOut() {
  await call("POST", "/api/auth/logout");
  session.me = null;
}
