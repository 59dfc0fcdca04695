using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

/// <summary>The data of every merchant event. Its keys and secrets are never part of it.</summary>
public abstract record MerchantEvent : StewardEvent
{
    public string Id { get; init; } = "";

    /// <summary>Null for a platform merchant.</summary>
    public string? AccountId { get; init; }

    public long Number { get; init; }

    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";

    public string ApiHostname { get; init; } = "";

    public int Version { get; init; }

    public override string SubjectId => Id;

    public static T Of<T>(Merchant m) where T : MerchantEvent, new() => new()
    {
        Id = PublicId.Of<Merchant>(m.Id),
        AccountId = m.AccountId is { } a ? PublicId.Of<Account>(a) : null,
        Number = m.Number,
        Name = m.Name,
        Kind = m.Kind,
        ApiHostname = m.ApiHostname,
        Version = m.Version,
    };
}

[EventType("merchant.created")]
public sealed record MerchantCreated : MerchantEvent;

[EventType("merchant.updated")]
public sealed record MerchantUpdated : MerchantEvent;

[EventType("merchant.deleted")]
public sealed record MerchantDeleted : MerchantEvent
{
    /// <summary>Its keys go with it; the cached snapshots of them must not outlive it.</summary>
    public override void Invalidate(ReadCache cache)
    {
        if (PublicId.TryParse<Merchant>(Id, out var id))
        {
            cache.RemoveWhere<CredentialCacheKey>((_, c) => c is CredentialSnapshot s && s.OwnerId == id);
        }
    }
}

/// <summary>The data of every product event.</summary>
public abstract record ProductEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string UnitId { get; init; } = "";

    public string OrganisationId { get; init; } = "";

    public string Name { get; init; } = "";

    public string Type { get; init; } = "";

    public string? Flavour { get; init; }

    public decimal Allowance { get; init; }

    public decimal Limit { get; init; }

    /// <summary>The merchant holding the claim, if any.</summary>
    public string? ClaimMerchantId { get; init; }

    public string? ClaimId { get; init; }

    public string? ClaimName { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    /// <summary>The spend check's copy of the product (its limit, whether it is deleted) is stale.</summary>
    public override void Invalidate(ReadCache cache)
    {
        if (PublicId.TryParse<Product>(Id, out var id))
        {
            cache.Remove(new ProductCacheKey(id));
        }
    }

    public static T Of<T>(Product p) where T : ProductEvent, new() => new()
    {
        Id = PublicId.Of<Product>(p.Id),
        UnitId = PublicId.Of<Unit>(p.UnitId),
        OrganisationId = PublicId.Of<Organisation>(p.OrganisationId),
        Name = p.Name,
        Type = p.Type,
        Flavour = p.Flavour,
        Allowance = p.Allowance,
        Limit = p.Limit,
        ClaimMerchantId = p.ClaimMerchantId is { } m ? PublicId.Of<Merchant>(m) : null,
        ClaimId = p.ClaimId,
        ClaimName = p.ClaimName,
        Version = p.Version,
    };
}

[EventType("product.created")]
public sealed record ProductCreated : ProductEvent;

[EventType("product.updated")]
public sealed record ProductUpdated : ProductEvent;

[EventType("product.claimed")]
public sealed record ProductClaimed : ProductEvent;

[EventType("product.unclaimed")]
public sealed record ProductUnclaimed : ProductEvent;

[EventType("product.deleted")]
public sealed record ProductDeleted : ProductEvent;

/// <summary>
/// A merchant's batch of charge lines was recorded: one event per account the batch touched (not
/// one per line; the lines themselves are the ledger). Duplicates change nothing and are not counted.
/// </summary>
[EventType("charges.recorded")]
public sealed record ChargesRecorded : StewardEvent
{
    public string MerchantId { get; init; } = "";

    /// <summary>Lines recorded for this account.</summary>
    public int Lines { get; init; }

    /// <summary>Their sum, signed (credits count negative).</summary>
    public decimal Coins { get; init; }

    /// <summary>Lines that fell into a period already closed (post-final).</summary>
    public int PostFinalLines { get; init; }

    public IReadOnlyList<string> ProductIds { get; init; } = [];

    public override string SubjectId => MerchantId;
}

/// <summary>A unit's billing period was closed at its billing day; its statement is frozen.</summary>
[EventType("billing_period.closed")]
public sealed record BillingPeriodClosed : StewardEvent
{
    public string UnitId { get; init; } = "";

    public DateOnly From { get; init; }

    /// <summary>The first day after the period.</summary>
    public DateOnly Until { get; init; }

    public decimal Coins { get; init; }

    public long Lines { get; init; }

    public override string SubjectId => UnitId;
}
