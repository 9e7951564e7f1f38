// /api/auth/* — next-auth: csrf, callback/credentials (sign-in), session, signout
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, context: Context) {
  return NextAuth(req, context, authOptions());
}

export { handler as GET, handler as POST };
