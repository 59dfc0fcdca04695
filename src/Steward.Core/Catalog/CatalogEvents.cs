using System.Globalization;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

/// <summary>
/// The data of every plan event: the plan and its current terms. The subject is <c>plan-&lt;id&gt;</c>
/// with the plan's integer id, the id plans are read by.
/// </summary>
public abstract record PlanEvent : StewardEvent
{
    public long Id { get; init; }

    public string Uid { get; init; } = "";

    public string AccountId { get; init; } = "";

    public string Name { get; init; } = "";

    public bool Enabled { get; init; }

    public int Position { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public int TermsVersion { get; init; }

    public PlanType PlanType { get; init; }

    public decimal Price { get; init; }

    public string CurrencyCode { get; init; } = "";

    public int DurationQuantity { get; init; }

    public DurationUnit DurationUnits { get; init; }

    public int TrialDays { get; init; }

    public string? FeatureLevel { get; init; }

    public int Version { get; init; }

    public override string SubjectId => "plan-" + Id.ToString(CultureInfo.InvariantCulture);

    public static T Of<T>(Plan p) where T : PlanEvent, new()
    {
        var terms = p.Current;
        return new()
        {
            Id = p.Number,
            Uid = p.Uid,
            AccountId = PublicId.Of<Account>(p.AccountId),
            Name = p.Name,
            Enabled = p.Enabled,
            Position = p.Position,
            Tags = [.. p.Tags.Select(t => t.Tag)],
            TermsVersion = p.TermsVersion,
            PlanType = terms.PlanType,
            Price = terms.Price,
            CurrencyCode = terms.CurrencyCode,
            DurationQuantity = terms.DurationQuantity,
            DurationUnits = terms.DurationUnits,
            TrialDays = terms.TrialDays,
            FeatureLevel = terms.FeatureLevel,
            Version = p.Version,
        };
    }
}

[EventType("plan.created")]
public sealed record PlanCreated : PlanEvent;

[EventType("plan.updated")]
public sealed record PlanUpdated : PlanEvent;

/// <summary>The plan's terms changed: a new version, which new subscriptions buy.</summary>
[EventType("plan.version_created")]
public sealed record PlanVersionCreated : PlanEvent;

[EventType("plan.deleted")]
public sealed record PlanDeleted : PlanEvent;

/// <summary>An account added a product type; the subject is <c>product_type-&lt;code&gt;</c>.</summary>
[EventType("product_type.created")]
public sealed record ProductTypeCreated : StewardEvent
{
    public string Code { get; init; } = "";

    public string AccountId { get; init; } = "";

    public ProductTypeKind Kind { get; init; }

    public IReadOnlyList<string> Flavours { get; init; } = [];

    public string? ServiceKind { get; init; }

    public override string SubjectId => "product_type-" + Code;

    public static ProductTypeCreated Of(ProductType t) => new()
    {
        Code = t.Code,
        AccountId = PublicId.Of<Account>(t.AccountId),
        Kind = t.Kind,
        Flavours = t.Flavours,
        ServiceKind = t.ServiceKind,
    };
}
