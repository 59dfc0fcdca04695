using Steward.Core.Caching;
using Steward.Core.Catalog;
using Steward.Core.Events;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Tests;

/// <summary>The catalog's event payloads (part of the wire), and the account events' slug cache invalidation.</summary>
public sealed class CatalogEventPayloadTests
{
    private static readonly Guid A = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b");
    private static readonly Guid B = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6c");
    private static readonly DateTimeOffset At = new(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);

    [Fact]
    public void A_plan_event_names_the_plan_by_its_integer_id_with_its_current_terms()
    {
        var plan = new Plan { Id = A, AccountId = B, Number = 42, Uid = "gold", Name = "Gold", Enabled = true, Position = 2, TermsVersion = 2, Version = 5 };
        plan.Tags.Add(new PlanTag { Tag = "cpanel" });
        plan.Versions.Add(new PlanVersion { Number = 1, Price = 1m, CurrencyCode = "USD" });
        plan.Versions.Add(new PlanVersion { Number = 2, Price = 24.5m, CurrencyCode = "EUR", DurationQuantity = 1, DurationUnits = DurationUnit.Months, FeatureLevel = "Pro" });

        var e = PlanEvent.Of<PlanVersionCreated>(plan);

        Assert.Equal("plan.version_created", EventCatalog.NameOf(e));
        Assert.Equal("plan-42", e.SubjectId);
        Assert.Equal(
            $"{{\"id\":42,\"uid\":\"gold\",\"account_id\":\"acct-{B}\",\"name\":\"Gold\",\"enabled\":true,\"position\":2,\"tags\":[\"cpanel\"],"
            + "\"terms_version\":2,\"plan_type\":\"regular\",\"price\":24.5,\"currency_code\":\"EUR\",\"duration_quantity\":1,\"duration_units\":\"months\","
            + "\"trial_days\":0,\"feature_level\":\"Pro\",\"version\":5}",
            EventCatalog.Serialize(e));
    }

    [Fact]
    public void A_subscription_event_is_the_subscription_after_the_change_and_reads_back()
    {
        var s = new Subscription
        {
            Id = A,
            AccountId = B,
            UserId = A,
            Status = SubscriptionStatus.Active,
            PlanNumber = 7,
            FeatureLevel = "Pro",
            ActiveUntil = At,
            Recurring = true,
            EligibleForFreeTrial = false,
            StoreCredit = 5m,
            Version = 3,
        };

        var e = SubscriptionEvent.Of<SubscriptionRenewed>(s) with { At = At, Amount = 24m, CurrencyCode = "USD", PaidBy = "store_credit" };

        Assert.Equal(PublicId.Of<Subscription>(A), e.SubjectId);
        Assert.StartsWith("sub-", e.SubjectId, StringComparison.Ordinal);
        Assert.Equal(
            $"{{\"at\":\"2026-02-03T04:05:06+00:00\",\"amount\":24,\"currency_code\":\"USD\",\"paid_by\":\"store_credit\","
            + $"\"id\":\"sub-{A}\",\"account_id\":\"acct-{B}\",\"user_id\":\"{PublicId.Of<User>(A)}\",\"status\":\"active\",\"plan_id\":7,\"feature_level\":\"Pro\","
            + "\"active_until\":\"2026-02-03T04:05:06+00:00\",\"grace_until\":null,\"recurring\":true,\"eligible_for_free_trial\":false,\"store_credit\":5,"
            + "\"pending_amount\":null,\"pending_currency_code\":null,\"version\":3}",
            EventCatalog.Serialize(e));
        Assert.True(EventCatalog.TryRead("subscription.renewed", EventCatalog.Serialize(e), out var read));
        Assert.Equal(e, read);
        Assert.Contains("subscription.lapsed", EventCatalog.Names);
        Assert.Contains("subscription.renewal_due", EventCatalog.Names);
    }

    [Fact]
    public void An_account_event_read_back_forgets_the_accounts_slug_whatever_it_was()
    {
        using var cache = new ReadCache();
        cache.Set(new AccountSlugCacheKey("old-name"), new Account { Id = A, Slug = "old-name" });
        cache.Set(new AccountSlugCacheKey("other"), new Account { Id = B, Slug = "other" });

        var e = AccountEvent.Of<AccountUpdated>(new Account { Id = A, Slug = "new-name", Name = "A", Email = "a@example.com", Test = true });
        Assert.Contains("\"slug\":\"new-name\",\"test\":true", EventCatalog.Serialize(e), StringComparison.Ordinal);
        Assert.True(EventCatalog.TryRead("account.updated", EventCatalog.Serialize(e), out var read));
        read!.Invalidate(cache);

        Assert.False(cache.TryGet<Account>(new AccountSlugCacheKey("old-name"), out _));
        Assert.True(cache.TryGet<Account>(new AccountSlugCacheKey("other"), out _));
    }
}
