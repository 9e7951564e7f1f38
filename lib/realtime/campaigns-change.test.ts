import { describe, expect, it } from "vitest";
import { campaignChanged, campaignListNews, campaignPageNews, mergeCampaignsChanges } from "./campaigns-change";

describe("campaigns.changed", () => {
  it("merges changes: counts add up per campaign, a status change stays", () => {
    const merged = mergeCampaignsChanges(
      mergeCampaignsChanges({ created: 1 }, campaignChanged("a", { status: true, recipients: 2 })),
      mergeCampaignsChanges(campaignChanged("a", { recipients: 3 }), campaignChanged("b", { recipients: 1 })),
    );
    expect(merged).toEqual({
      created: 1,
      campaigns: { a: { recipients: 5, status: true }, b: { recipients: 1, status: false } },
    });
  });

  it("the list counts campaigns created; a campaign's page counts its own new recipients", () => {
    const event = mergeCampaignsChanges({}, campaignChanged("a", { recipients: 4 }));
    expect(campaignListNews({ created: 2, campaigns: {} })).toBe(2);
    expect(campaignListNews(event)).toBe(0);
    expect(campaignListNews({ created: 0, campaigns: {} })).toBeNull();
    expect(campaignPageNews("a")(event)).toBe(4);
    expect(campaignPageNews("a")(mergeCampaignsChanges({}, campaignChanged("a", { status: true })))).toBe(0);
    expect(campaignPageNews("b")(event)).toBeNull();
  });
});
