import { describe, expect, it } from "vitest";
import { createFormControl } from "react-hook-form";
import { setServerErrors, SOME_FIELDS_NEED_ATTENTION, submitToServer } from "./server-errors";

function campaignForm() {
  return createFormControl({ defaultValues: { name: "", audience: [{ key: "", value: "" }], message: "" } });
}

const errorsOf = (form: ReturnType<typeof campaignForm>) => form.control._formState.errors;

describe("setServerErrors", () => {
  it("puts each field the server names on that field, and points to them", () => {
    const form = campaignForm();
    setServerErrors(form, {
      message: "Invalid campaign: name: must not be empty; audience.0.value: is required for eq",
      details: {
        fields: [
          { field: "name", message: "must not be empty" },
          { field: "audience.0.value", message: "is required for eq" },
        ],
      },
    });
    expect(errorsOf(form).name?.message).toBe("must not be empty");
    expect(errorsOf(form).audience?.[0]?.value?.message).toBe("is required for eq");
    expect(errorsOf(form).root?.server?.message).toBe(SOME_FIELDS_NEED_ATTENTION);
  });

  it("keeps the server's message when a field it names is not on the form", () => {
    const form = campaignForm();
    const message = "Invalid campaign: sendNow: is for one-time campaigns";
    setServerErrors(form, {
      message,
      details: { fields: [{ field: "sendNow", message: "is for one-time campaigns" }] },
    });
    expect(errorsOf(form).root?.server?.message).toBe(message);
    expect(Object.keys(errorsOf(form))).toEqual(["root"]);
  });

  it("shows a message without field details (conflict, forbidden) as the form's error", () => {
    const form = campaignForm();
    setServerErrors(form, { message: "The Deny list is full (1000 strings)." });
    expect(errorsOf(form).root?.server?.message).toBe("The Deny list is full (1000 strings).");
  });

  it("maps server paths onto a differently shaped form", () => {
    const form = createFormControl({ defaultValues: { origins: "" } });
    setServerErrors(
      form,
      {
        message: "Invalid input",
        details: { fields: [{ field: "widgetAllowedOrigins.1", message: "must be an origin" }] },
      },
      (path) => (path.startsWith("widgetAllowedOrigins") ? "origins" : null),
    );
    expect(form.control._formState.errors.origins?.message).toBe("must be an origin");
  });

  it("ignores details that are not a list of fields", () => {
    const form = campaignForm();
    setServerErrors(form, { message: "Bad", details: { fields: "name" } });
    expect(Object.keys(errorsOf(form))).toEqual(["root"]);
  });
});

describe("submitToServer", () => {
  it("answers the data of a successful action and sets no error", async () => {
    const form = campaignForm();
    await expect(submitToServer(form, async () => ({ ok: true as const, data: { id: "c1" } }))).resolves.toEqual({
      id: "c1",
    });
    expect(errorsOf(form)).toEqual({});
  });

  it("answers null and says so on the form when the action throws (network, server down)", async () => {
    const form = campaignForm();
    await expect(submitToServer(form, () => Promise.reject(new Error("fetch failed")))).resolves.toBeNull();
    expect(errorsOf(form).root?.server?.message).toBe("Something went wrong on our side. Try again.");
  });
});
