"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Icon } from "@/components/icons";
import { rotateWidgetSecretAction } from "./actions";
import { WidgetOriginsForm } from "./widget-origins-form";

export function WidgetEmbed({
  origin,
  tenantId,
  secret,
  example,
  allowedOrigins,
}: {
  origin: string;
  tenantId: string;
  secret: string;
  example: { userId: string; signature: string };
  allowedOrigins: string[];
}) {
  const anonymousSnippet = `<script src="${origin}/widget.js" data-tenant="${tenantId}" async></script>`;
  const signedSnippet = `<script src="${origin}/widget.js" data-tenant="${tenantId}"
  data-user="<%= user.id %>" data-signature="<%= signature %>" data-name="<%= user.name %>" async></script>`;
  const nodeSnippet = `import { createHmac } from "node:crypto";

// On your server, for the signed-in user — never in the browser:
const signature = createHmac("sha256", process.env.BOUNCER_WIDGET_SECRET)
  .update(user.id)   // the user's id in your system, as a string
  .digest("hex");`;

  return (
    <section aria-labelledby="widget-heading" className="space-y-4">
      <div>
        <h2 id="widget-heading" className="text-lg font-semibold">
          Web chat widget
        </h2>
        <p className="text-sm text-slate-600">
          Put the chat on your website. Visitors are anonymous unless your site signs them in: then they are known by
          your user id, and a live-chat block follows them on every device.{" "}
          <a
            href={`/widget?tenant=${encodeURIComponent(tenantId)}`}
            target="_blank"
            rel="noreferrer"
            className="inline-flex items-center gap-0.5 text-brand-600 hover:underline"
          >
            Open the widget
          </a>
        </p>
      </div>

      <Step n={1} title="Paste before </body> on every page">
        <CodeBlock code={anonymousSnippet} label="Embed snippet" />
      </Step>

      <Step n={2} title="Optional: sign in your users">
        <p className="text-sm text-slate-600">
          Pass your user id and its signature: the hex HMAC-SHA256 of the id with the widget secret below. A wrong
          signature is refused, never treated as anonymous.
        </p>
        <CodeBlock code={signedSnippet} label="Signed-in embed snippet" />
        <CodeBlock code={nodeSnippet} label="Computing the signature in Node.js" />
        <div
          className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700"
          data-testid="signature-example"
        >
          <p className="font-medium text-slate-800">Worked example, with the current secret</p>
          <dl className="mt-1 grid gap-x-3 gap-y-0.5 sm:grid-cols-[8rem_minmax(0,1fr)]">
            <dt className="text-slate-500">data-user</dt>
            <dd className="font-mono text-xs leading-5">{example.userId}</dd>
            <dt className="text-slate-500">data-signature</dt>
            <dd className="break-all font-mono text-xs leading-5">{example.signature}</dd>
          </dl>
        </div>
      </Step>

      <Step n={3} title="Widget secret">
        <SecretControls secret={secret} />
      </Step>

      <Step n={4} title="Optional: only on your sites">
        <p className="text-sm text-slate-600">
          Other sites cannot show your chat in a frame once you list yours; the rest of Bouncer is never shown in
          another site&apos;s frame.
        </p>
        <WidgetOriginsForm initial={allowedOrigins} />
      </Step>
    </section>
  );
}

function Step({ n, title, children }: { n: number; title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <h3 className="flex items-center gap-2 font-medium text-slate-900">
        <span
          className={[
            "flex h-6 w-6 items-center justify-center rounded-full bg-brand-50",
            "text-xs font-semibold text-brand-700",
          ].join(" ")}
          aria-hidden="true"
        >
          {n}
        </span>
        {title}
      </h3>
      <div className="mt-2 space-y-2">{children}</div>
    </div>
  );
}

function CodeBlock({ code, label }: { code: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <figure className="overflow-hidden rounded-md bg-slate-900">
      <figcaption
        className={[
          "flex items-center justify-between gap-2 border-b border-white/10 px-3",
          "py-1.5 text-xs text-slate-300",
        ].join(" ")}
      >
        {label}
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(code).catch(() => {});
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
          className="rounded bg-white/10 px-2 py-0.5 font-medium text-white hover:bg-white/20"
          aria-label={`Copy ${label.toLowerCase()}`}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </figcaption>
      <pre className="overflow-x-auto p-3 text-xs leading-5 text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}

function SecretControls({ secret }: { secret: string }) {
  const router = useRouter();
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <p className="text-sm text-slate-600">
        Keep it on your server only (e.g. as BOUNCER_WIDGET_SECRET). Anyone with it can sign in as any of your users.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className={[
            "min-w-0 flex-1 break-all rounded-md border border-slate-200",
            "bg-slate-50 px-3 py-2 font-mono text-xs",
          ].join(" ")}
          data-testid="widget-secret"
        >
          {shown ? secret : "•".repeat(32)}
        </code>
        <Button size="sm" onClick={() => setShown((v) => !v)} aria-pressed={shown}>
          {shown ? "Hide" : "Show"}
        </Button>
        <Button size="sm" onClick={() => void navigator.clipboard?.writeText(secret).catch(() => {})}>
          Copy
        </Button>
        <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
          <Icon name="key" className="h-4 w-4" /> Rotate
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Rotate the widget secret?"
        variant="danger"
        confirmLabel="Rotate secret"
        pendingLabel="Rotating…"
        onConfirm={async () => {
          const result = await rotateWidgetSecretAction();
          if (!result.ok) return result.error.message;
          setConfirming(false);
          setShown(true);
          router.refresh();
        }}
      >
        <p>
          A new secret is made at once. Signatures made with the old one stop working: signed-in visitors cannot start a
          chat until your site signs with the new secret.
        </p>
      </ConfirmDialog>
    </>
  );
}
