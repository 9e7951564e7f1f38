"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { submitToServer } from "@/components/ui/server-errors";
import { createAgentSchema, setAgentPasswordSchema } from "@/lib/agents/agent-schemas";
import { ErrorNote, Field, Select, TextInput } from "@/components/ui/field";
import {
  createAgentAction,
  setAgentActiveAction,
  setAgentPasswordAction,
  signOutAgentEverywhereAction,
  updateAgentAction,
} from "./actions";

type Role = "AGENT" | "SUPERVISOR" | "ADMIN";
const ROLE_LABELS: Record<Role, string> = { AGENT: "Agent", SUPERVISOR: "Supervisor", ADMIN: "Admin" };

interface AgentRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  canSeeAllChats: boolean;
  active: boolean;
  isSelf: boolean;
}

export function AgentRowControls({ agent }: { agent: AgentRow }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [settingPassword, setSettingPassword] = useState(false);

  function run(action: () => Promise<{ ok: boolean; error?: { message: string } }>, success?: string) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.error?.message ?? "Failed.");
      else if (success) setNotice(success);
      router.refresh();
    });
  }

  return (
    <tr className={agent.active ? "" : "bg-slate-50 text-slate-500"} data-testid={`agent-row-${agent.email}`}>
      <td className="px-4 py-3">
        <div className="font-medium text-slate-900">
          {agent.name}
          {agent.isSelf && <span className="ml-2 text-xs text-slate-500">(you)</span>}
        </div>
        <div className="text-xs text-slate-500">{agent.email}</div>
        {error && (
          <div className="mt-1 text-xs text-red-600" role="alert">
            {error}
          </div>
        )}
        {notice && (
          <div className="mt-1 text-xs text-emerald-700" role="status">
            {notice}
          </div>
        )}
      </td>
      {/* data-label: the column's name on a phone card (components/ui/data-table.tsx). */}
      <td className="px-4 py-3" data-label="Role">
        <label className="sr-only" htmlFor={`role-${agent.id}`}>
          Role of {agent.name}
        </label>
        <Select
          id={`role-${agent.id}`}
          value={agent.role}
          disabled={pending || !agent.active}
          onChange={(event) => {
            const role = event.target.value as Role;
            run(
              () => updateAgentAction({ agentId: agent.id, role }),
              `${agent.name} is now ${role === "ADMIN" ? "an" : "a"} ${ROLE_LABELS[role].toLowerCase()}.`,
            );
          }}
          className="w-36 min-w-32"
        >
          {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
      </td>
      <td className="px-4 py-3" data-label="Can see All chats">
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={agent.role !== "AGENT" || agent.canSeeAllChats}
            disabled={pending || !agent.active || agent.role !== "AGENT"}
            onChange={(event) => {
              const all = event.target.checked;
              run(
                () => updateAgentAction({ agentId: agent.id, canSeeAllChats: all }),
                all ? `${agent.name} now sees All chats.` : `${agent.name} now sees their own chats and the queue.`,
              );
            }}
            className="h-4 w-4 rounded border-slate-300 text-brand-600"
          />
          <span className="text-xs text-slate-600">
            {agent.role !== "AGENT" ? "Always (by role)" : agent.canSeeAllChats ? "Yes" : "Own and unassigned only"}
          </span>
        </label>
      </td>
      <td className="px-4 py-3" data-label="Status">
        <span
          className={[
            "inline-flex rounded-full px-2 py-0.5 text-xs font-medium",
            agent.active ? "bg-emerald-50 text-emerald-700" : "bg-slate-200 text-slate-600",
          ].join(" ")}
        >
          {agent.active ? "Active" : "Deactivated"}
        </span>
      </td>
      <td className="px-4 py-3 text-right">
        {agent.isSelf ? (
          <a href="/account" className="text-xs font-medium text-brand-700 hover:underline">
            Your account
          </a>
        ) : (
          <div className="flex flex-wrap justify-end gap-2">
            {agent.active && (
              <>
                <Button size="sm" disabled={pending} onClick={() => setSettingPassword(true)}>
                  Set password
                </Button>
                <Button
                  size="sm"
                  disabled={pending}
                  title={`End every session of ${agent.name}: signed out in every browser at once`}
                  onClick={() =>
                    run(() => signOutAgentEverywhereAction(agent.id), `${agent.name} is signed out everywhere.`)
                  }
                >
                  Sign out everywhere
                </Button>
              </>
            )}
            <Button
              size="sm"
              disabled={pending}
              onClick={() => run(() => setAgentActiveAction(agent.id, !agent.active))}
            >
              {agent.active ? "Deactivate" : "Reactivate"}
            </Button>
          </div>
        )}
        <div className="text-left">
          <SetPasswordDialog
            agent={agent}
            open={settingPassword}
            onClose={() => setSettingPassword(false)}
            onDone={() => {
              setSettingPassword(false);
              setNotice(`New password set; ${agent.name} is signed out everywhere.`);
            }}
          />
        </div>
      </td>
    </tr>
  );
}

function SetPasswordDialog({
  agent,
  open,
  onClose,
  onDone,
}: {
  agent: AgentRow;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const form = useForm<z.input<typeof setAgentPasswordSchema>, unknown, z.output<typeof setAgentPasswordSchema>>({
    resolver: zodResolver(setAgentPasswordSchema),
    defaultValues: { agentId: agent.id, password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if ((await submitToServer(form, () => setAgentPasswordAction(values))) === null) return;
    form.reset({ agentId: agent.id, password: "" });
    onDone();
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Set a password for ${agent.name}`}
      labelledBy={`set-password-title-${agent.id}`}
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <Field
          label="New password"
          htmlFor={`password-${agent.id}`}
          hint="At least 10 characters. Every session of theirs ends; share it with them privately."
          error={errors.password?.message}
        >
          <TextInput
            id={`password-${agent.id}`}
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            autoFocus
            {...form.register("password")}
          />
        </Field>
        {errors.root?.server && <ErrorNote>{errors.root.server.message}</ErrorNote>}
        <DialogActions onCancel={onClose} actionLabel="Set password" pendingLabel="Setting…" pending={isSubmitting} />
      </form>
    </Dialog>
  );
}

const NEW_AGENT: z.input<typeof createAgentSchema> = {
  name: "",
  email: "",
  password: "",
  role: "AGENT",
  canSeeAllChats: true,
};

export function CreateAgentButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<z.input<typeof createAgentSchema>, unknown, z.output<typeof createAgentSchema>>({
    resolver: zodResolver(createAgentSchema),
    defaultValues: NEW_AGENT,
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if ((await submitToServer(form, () => createAgentAction(values))) === null) return;
    setOpen(false);
    form.reset(NEW_AGENT);
    router.refresh();
  });

  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        Add agent
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add agent">
        <form onSubmit={onSubmit} className="space-y-4">
          <Field label="Name" htmlFor="agent-name" error={errors.name?.message}>
            <TextInput id="agent-name" required autoFocus {...form.register("name")} />
          </Field>
          <Field label="Email" htmlFor="agent-email" error={errors.email?.message}>
            <TextInput id="agent-email" type="email" required {...form.register("email")} />
          </Field>
          <Field
            label="Initial password"
            htmlFor="agent-password"
            hint="At least 10 characters. Share it with them privately."
            error={errors.password?.message}
          >
            <TextInput
              id="agent-password"
              type="password"
              required
              minLength={10}
              autoComplete="new-password"
              {...form.register("password")}
            />
          </Field>
          <Field label="Role" htmlFor="agent-role" error={errors.role?.message}>
            <Select id="agent-role" {...form.register("role")}>
              {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </Select>
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...form.register("canSeeAllChats")} />
            Can see All chats
          </label>
          {errors.root?.server && <ErrorNote>{errors.root.server.message}</ErrorNote>}
          <DialogActions
            onCancel={() => setOpen(false)}
            actionLabel="Add agent"
            pendingLabel="Adding…"
            pending={isSubmitting}
          />
        </form>
      </Dialog>
    </>
  );
}
