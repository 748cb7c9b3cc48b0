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
    // A staff account without an authenticator cannot open the console while two-factor sign-in is required.
    const account = await call("GET", "/api/auth/me").catch(() => null);
    await signOut();
    throw new Error(account && account.mustEnrolTwoFactor
      ? "Staff accounts need two-factor sign-in. Set up an authenticator on your account page (/account.html), then sign in here with its code."
      : "This account has no staff access.");
  }
  return me;
}

export async function signOut() {
  await call("POST", "/api/auth/logout");
  session.me = null;
}
