import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { createLabelRecord, labelConversations } from "../factories/settings";
import { createLabel, deleteLabel, listLabels, updateLabel } from "@/lib/labels/manage-labels";
import { LABEL_COLORS, LABEL_COLOR_CLASSES, labelColorClasses, labelColorSchema } from "@/lib/labels/label-colors";
import { apiDocument } from "@/app/api/v1/operations";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/labels/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/v1/labels/[id]/route";

const fieldNamed = (field: string) => expect.arrayContaining([expect.objectContaining({ field })]);

describe("label colors", () => {
  it("has chip and swatch classes for every palette name, and falls back to slate", () => {
    expect(LABEL_COLORS.length).toBeGreaterThanOrEqual(8);
    for (const color of LABEL_COLORS) {
      expect(LABEL_COLOR_CLASSES[color].chip).toMatch(/^bg-\S+ text-\S+ ring-\S+$/);
      expect(LABEL_COLOR_CLASSES[color].swatch).toMatch(/^bg-/);
    }
    expect(labelColorSchema.safeParse("blue").success).toBe(true);
    expect(labelColorSchema.safeParse("chartreuse").success).toBe(false);
    expect(labelColorClasses("chartreuse")).toBe(LABEL_COLOR_CLASSES.slate);
  });
});

describe("managing labels", () => {
  it("lets an admin create a label with a trimmed name and a color (slate by default), audited", async () => {
    const db = testDatabase().prisma;
    const { admin, tenant } = await createTeam(db);
    const label = await createLabel.fromUntrusted({
      db,
      actor: admin.actor,
      input: { name: "  billing  ", color: "amber" },
    });
    expect(label).toMatchObject({ name: "billing", color: "amber", conversationCount: 0 });
    expect(await createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "bug" } })).toMatchObject({
      color: "slate",
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "label.created", targetId: label.id },
    });
    expect(audit).toMatchObject({
      actorKind: "agent",
      actorId: admin.agent.id,
      targetType: "label",
      data: { name: "billing", color: "amber" },
    });
  });

  it("refuses supervisors and agents (403); API keys and admins acting through X-Agent-Id may", async () => {
    const db = testDatabase().prisma;
    const { supervisor, agent, limited, service } = await createTeam(db);
    for (const actor of [supervisor.actor, agent.actor, limited.actor]) {
      await expect(createLabel.fromUntrusted({ db, actor, input: { name: "vip" } })).rejects.toMatchObject({
        status: 403,
      });
    }
    const label = await createLabelRecord(db, service.tenantId, { name: "vip" });
    await expect(
      updateLabel({ db, actor: supervisor.actor, labelId: label.id, input: { color: "red" } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(deleteLabel({ db, actor: agent.actor, labelId: label.id })).rejects.toMatchObject({ status: 403 });
    expect(await createLabel.fromUntrusted({ db, actor: service, input: { name: "from-a-flow" } })).toMatchObject({
      name: "from-a-flow",
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "label.created", actorKind: "api_key", actorId: service.apiKeyId },
    });
    expect(audit.tenantId).toBe(service.tenantId);
  });

  it("answers 400 naming the field for empty, too long or non-string names and unknown colors", async () => {
    const db = testDatabase().prisma;
    const { admin } = await createTeam(db);
    await expect(createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "   " } })).rejects.toMatchObject({
      status: 400,
      details: { fields: fieldNamed("name") },
    });
    await expect(
      createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "x".repeat(41) } }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: fieldNamed("name") },
    });
    expect(await createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "x".repeat(40) } })).toMatchObject({
      name: "x".repeat(40),
    });
    await expect(createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: 42 } })).rejects.toMatchObject({
      status: 400,
      details: { fields: fieldNamed("name") },
    });
    await expect(
      createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "ok", color: "chartreuse" } }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: fieldNamed("color") },
    });
    const label = await createLabelRecord(db, admin.actor.tenantId);
    await expect(
      updateLabel.fromUntrusted({ db, actor: admin.actor, labelId: label.id, input: {} }),
    ).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      updateLabel.fromUntrusted({ db, actor: admin.actor, labelId: label.id, input: { color: "mauve" } }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: fieldNamed("color") },
    });
  });

  it("keeps names unique per tenant in any case (409 label_exists, the existing id), not across tenants", async () => {
    const db = testDatabase().prisma;
    const { admin } = await createTeam(db);
    const other = await createTeam(db);
    const billing = await createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "Billing" } });
    for (const name of ["Billing", "billing", " BILLING "]) {
      await expect(createLabel.fromUntrusted({ db, actor: admin.actor, input: { name } })).rejects.toMatchObject({
        status: 409,
        code: "label_exists",
        details: { labelId: billing.id, name: "Billing" },
      });
    }
    expect(await createLabel.fromUntrusted({ db, actor: other.admin.actor, input: { name: "billing" } })).toMatchObject(
      {
        name: "billing",
      },
    );

    const bug = await createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "bug" } });
    await expect(
      updateLabel({ db, actor: admin.actor, labelId: bug.id, input: { name: "BILLING" } }),
    ).rejects.toMatchObject({
      status: 409,
      code: "label_exists",
      details: { labelId: billing.id },
    });
    // Changing only the case of its own name is fine.
    expect(
      await updateLabel({ db, actor: admin.actor, labelId: billing.id, input: { name: "billing" } }),
    ).toMatchObject({ name: "billing" });
  });

  it("reports a name taken by a concurrent insert as label_exists too", async () => {
    const db = testDatabase().prisma;
    const { admin } = await createTeam(db);
    const results = await Promise.allSettled([
      createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "race" } }),
      createLabel.fromUntrusted({ db, actor: admin.actor, input: { name: "race" } }),
    ]);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: "label_exists" });
    expect(await db.label.count({ where: { tenantId: admin.actor.tenantId, name: "race" } })).toBe(1);
  });

  it("renames and recolors, audited with before and after; no change writes nothing", async () => {
    const db = testDatabase().prisma;
    const { admin, service } = await createTeam(db);
    const label = await createLabelRecord(db, admin.actor.tenantId, { name: "bgu", color: "slate" });
    await labelConversations(db, service, label.id, 2);
    const updated = await updateLabel.fromUntrusted({
      db,
      actor: admin.actor,
      labelId: label.id,
      input: { name: " bug ", color: "red" },
    });
    expect(updated).toMatchObject({ id: label.id, name: "bug", color: "red", conversationCount: 2 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "label.updated", targetId: label.id } });
    expect(audit.data).toEqual({ before: { name: "bgu", color: "slate" }, after: { name: "bug", color: "red" } });

    await updateLabel.fromUntrusted({
      db,
      actor: admin.actor,
      labelId: label.id,
      input: { name: "bug", color: "red" },
    });
    expect(await db.auditLog.count({ where: { action: "label.updated", targetId: label.id } })).toBe(1);
  });

  it("deletes a label and removes it from the conversations that carried it, audited with the count", async () => {
    const db = testDatabase().prisma;
    const { admin, service, tenant } = await createTeam(db);
    const label = await createLabelRecord(db, tenant.id, { name: "spammy" });
    const keep = await createLabelRecord(db, tenant.id, { name: "keep" });
    const [first] = await labelConversations(db, service, label.id, 3);
    await db.conversationLabel.create({ data: { conversationId: first!, labelId: keep.id } });

    const deleted = await deleteLabel({ db, actor: admin.actor, labelId: label.id });
    expect(deleted).toMatchObject({ id: label.id, name: "spammy", conversationCount: 3 });
    expect(await db.label.findUnique({ where: { id: label.id } })).toBeNull();
    expect(await db.conversationLabel.count({ where: { labelId: label.id } })).toBe(0);
    expect(await db.conversationLabel.count({ where: { conversationId: first! } })).toBe(1);
    expect(await db.conversation.count({ where: { tenantId: tenant.id } })).toBe(3);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "label.deleted", targetId: label.id } });
    expect(audit.data).toMatchObject({ name: "spammy", conversationCount: 3 });
    await expect(deleteLabel({ db, actor: admin.actor, labelId: label.id })).rejects.toMatchObject({ status: 404 });
  });

  it("cannot see, change or delete another tenant's label (404)", async () => {
    const db = testDatabase().prisma;
    const { admin } = await createTeam(db);
    const other = await createTeam(db);
    const foreign = await createLabelRecord(db, other.tenant.id, { name: "theirs" });
    expect((await listLabels({ db, actor: admin.actor })).map((l) => l.id)).not.toContain(foreign.id);
    await expect(
      updateLabel({ db, actor: admin.actor, labelId: foreign.id, input: { name: "mine" } }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(deleteLabel({ db, actor: admin.actor, labelId: foreign.id })).rejects.toMatchObject({ status: 404 });
    await expect(deleteLabel({ db, actor: other.service, labelId: "no-such-label" })).rejects.toMatchObject({
      status: 404,
    });
    expect(await db.label.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ name: "theirs" });
  });

  it("lists the tenant's labels by name with conversation counts, for every agent", async () => {
    const db = testDatabase().prisma;
    const { tenant, service, limited, supervisor } = await createTeam(db);
    const bug = await createLabelRecord(db, tenant.id, { name: "bug", color: "red" });
    await createLabelRecord(db, tenant.id, { name: "billing", color: "amber" });
    await labelConversations(db, service, bug.id, 2);
    for (const actor of [limited.actor, supervisor.actor, service]) {
      expect(await listLabels({ db, actor })).toEqual([
        { id: expect.any(String), name: "billing", color: "amber", createdAt: expect.any(Date), conversationCount: 0 },
        { id: bug.id, name: "bug", color: "red", createdAt: expect.any(Date), conversationCount: 2 },
      ]);
    }
  });
});

describe("labels REST API", () => {
  it("GET /api/v1/labels answers { items, nextCursor: null } with ISO times; 401 without a key", async () => {
    const db = testDatabase().prisma;
    const { tenant, service } = await createTeam(db);
    await createLabelRecord(db, tenant.id, { name: "vip", color: "violet" });
    const res = await callApi(listRoute, { key: service.key, path: "/api/v1/labels" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          id: expect.any(String),
          name: "vip",
          color: "violet",
          createdAt: expect.stringMatching(/Z$/),
          conversationCount: 0,
        },
      ],
      nextCursor: null,
    });
    expect((await callApi(listRoute, { path: "/api/v1/labels" })).status).toBe(401);
  });

  it("POST creates (201), refuses bad input (400 naming fields), duplicates (409), non-admins (403)", async () => {
    const db = testDatabase().prisma;
    const { service, agent } = await createTeam(db);
    const created = await callApi(createRoute, {
      key: service.key,
      path: "/api/v1/labels",
      body: { name: "refund", color: "green" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: "refund",
      color: "green",
      conversationCount: 0,
    });

    const duplicate = await callApi(createRoute, {
      key: service.key,
      path: "/api/v1/labels",
      body: { name: "REFUND" },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "label_exists", details: { labelId: created.body.id } });

    const invalid = await callApi(createRoute, {
      key: service.key,
      path: "/api/v1/labels",
      body: { name: "", color: "beige" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(["name", "color"]),
    );

    const notJson = await callApi(createRoute, { key: service.key, path: "/api/v1/labels", rawBody: "{name" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("invalid_json");

    const asAgent = await callApi(createRoute, {
      key: service.key,
      agentId: agent.agent.id,
      path: "/api/v1/labels",
      body: { name: "nope" },
    });
    expect(asAgent.status).toBe(403);
  });

  it("PATCH renames/recolors, DELETE answers 200 with the deleted label; another tenant's label: 404", async () => {
    const db = testDatabase().prisma;
    const { tenant, service, admin } = await createTeam(db);
    const other = await createTeam(db);
    const label = await createLabelRecord(db, tenant.id, { name: "old" });
    await labelConversations(db, service, label.id, 1);

    const patched = await callApi(patchRoute, {
      method: "PATCH",
      key: service.key,
      agentId: admin.agent.id,
      params: { id: label.id },
      body: { name: "new", color: "teal" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: label.id, name: "new", color: "teal", conversationCount: 1 });

    const foreignPatch = await callApi(patchRoute, {
      method: "PATCH",
      key: other.service.key,
      params: { id: label.id },
      body: { name: "x" },
    });
    expect(foreignPatch.status).toBe(404);
    const foreignDelete = await callApi(deleteRoute, {
      method: "DELETE",
      key: other.service.key,
      params: { id: label.id },
    });
    expect(foreignDelete.status).toBe(404);

    const deleted = await callApi(deleteRoute, { method: "DELETE", key: service.key, params: { id: label.id } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: label.id, name: "new", conversationCount: 1 });
    expect((await callApi(deleteRoute, { method: "DELETE", key: service.key, params: { id: label.id } })).status).toBe(
      404,
    );
  });

  it("documents every label route in the OpenAPI operations", () => {
    const document = apiDocument();
    expect(Object.keys(document.paths["/api/v1/labels"]!)).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(document.paths["/api/v1/labels/{id}"]!)).toEqual(expect.arrayContaining(["patch", "delete"]));
    const body = (
      document.paths["/api/v1/labels"]!.post as {
        requestBody: {
          content: Record<string, { schema: { required: string[]; properties: Record<string, { enum?: string[] }> } }>;
        };
      }
    ).requestBody.content["application/json"]!.schema;
    expect(body.required).toEqual(["name"]);
    expect(body.properties.color!.enum).toEqual([...LABEL_COLORS]);
  });
});
