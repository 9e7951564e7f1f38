// Sends visitors without a session cookie to /login before rendering. A convenience only: every page,
// server action and API route checks the session or API key itself (see lib/auth/session.ts).
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Pages only: not the API (it answers 401 itself), the login page, the widget, or static files.
  matcher: ["/((?!api|login|widget|_next|favicon|socket\\.io).*)"],
};
