import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentAgent } from "@/lib/auth/session";
import { Logo } from "@/components/ui/logo";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentAgent()) redirect("/inbox");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: never bounce a signed-in agent to another origin.
  const target = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/inbox";
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3">
          <Logo className="h-12 w-12" />
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Bouncer</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm callbackUrl={target} />
        </div>
      </div>
    </main>
  );
}
