using System.Text.Json.Serialization;
using Steward.Core.Catalog;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;
using Steward.Server.Hosting;

namespace Steward.Server.Api.Wire;

// The catalog (product types, plans) and subscriptions on the native wire (snake_case). Amounts are read
// from numbers or decimal strings and written as numbers; request fields are all optional at the JSON
// level so that the core reports every missing or invalid field at once, by name.

public sealed record ProductTypeResource(string Code, ProductTypeKind Kind, IReadOnlyList<string> Flavours, string? ServiceKind, string? Description, bool BuiltIn, string? AccountId)
{
    public static ProductTypeResource From(ProductTypeRules t) =>
        new(t.Code, t.Kind, t.Flavours, t.ServiceKind, t.Description, t.BuiltIn, t.AccountId is { } a ? PublicId.Of<Account>(a) : null);
}

public sealed record ProductTypeRequest(string? Code, string? Kind, IReadOnlyList<string>? Flavours, string? ServiceKind, string? Description, string? AccountId);

public sealed record PlanFeatureResource(long Id, string Name, string? Blurb, string? Description, int Position);

public sealed record ResellerCostResource(long? DomainCents, long? MailboxCents);

public sealed record SetupFeeResource([property: JsonConverter(typeof(JsonMoney))] decimal Amount, string? CurrencyCode, string? Description);

/// <summary>One version of a plan's terms.</summary>
public sealed record PlanVersionResource(
    int Version,
    PlanType PlanType,
    [property: JsonConverter(typeof(JsonMoney))] decimal Price,
    string CurrencyCode,
    int DurationQuantity,
    DurationUnit DurationUnits,
    int TrialDays,
    string? FeatureLevel,
    SetupFeeResource? SetupFee,
    string Terms,
    DateTimeOffset CreatedAt)
{
    public static PlanVersionResource From(PlanVersion v) =>
        new(v.Number, v.PlanType, v.Price, v.CurrencyCode, v.DurationQuantity, v.DurationUnits, v.TrialDays, v.FeatureLevel,
            v.SetupFeeAmount is { } fee ? new SetupFeeResource(fee, v.SetupFeeCurrencyCode, v.SetupFeeDescription) : null,
            v.Terms.Describe(), v.CreatedAt);
}

/// <summary>
/// A plan with its current terms at the top level; <c>id</c> is its integer id, <c>version</c> the
/// ETag's, <c>terms_version</c> the current terms' number and <c>versions</c> every terms version.
/// </summary>
public sealed record PlanResource(
    long Id,
    string Uid,
    string AccountId,
    string Name,
    string? Description,
    IReadOnlyList<string> Tags,
    int Position,
    int TrialDays,
    IReadOnlyList<PlanFeatureResource> Features,
    ResellerCostResource? ResellerCost,
    [property: JsonConverter(typeof(JsonMoney))] decimal Price,
    string CurrencyCode,
    int DurationQuantity,
    DurationUnit DurationUnits,
    PlanType PlanType,
    string? FeatureLevel,
    string? ReturnUrl,
    bool Enabled,
    SetupFeeResource? SetupFee,
    bool AllowsMultipleMailServers,
    string Terms,
    int TermsVersion,
    IReadOnlyList<PlanVersionResource> Versions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static PlanResource From(Plan p)
    {
        var current = PlanVersionResource.From(p.Current);
        return new(p.Number, p.Uid, PublicId.Of<Account>(p.AccountId), p.Name, p.Description, [.. p.Tags.Select(t => t.Tag)], p.Position,
            current.TrialDays, [.. p.Features.Select(f => new PlanFeatureResource(f.Id, f.Name, f.Blurb, f.Description, f.Position))],
            p.ResellerDomainCents is null && p.ResellerMailboxCents is null ? null : new ResellerCostResource(p.ResellerDomainCents, p.ResellerMailboxCents),
            current.Price, current.CurrencyCode, current.DurationQuantity, current.DurationUnits, current.PlanType, current.FeatureLevel, p.ReturnUrl,
            p.Enabled, current.SetupFee, p.AllowsMultipleMailServers, current.Terms, p.TermsVersion, [.. p.Versions.Select(PlanVersionResource.From)],
            p.CreatedAt, p.UpdatedAt, p.Version);
    }
}

public sealed record PlanFeatureRequest(string? Name, string? Blurb, string? Description, int? Position);

public sealed record ResellerCostRequest(long? DomainCents, long? MailboxCents);

public sealed record SetupFeeRequest([property: JsonConverter(typeof(JsonOptionalMoney))] decimal? Amount, string? CurrencyCode, string? Description);

public sealed record PlanRequest(
    string? Uid,
    string? Name,
    string? Description,
    IReadOnlyList<string>? Tags,
    int? Position,
    int? TrialDays,
    IReadOnlyList<PlanFeatureRequest>? Features,
    ResellerCostRequest? ResellerCost,
    [property: JsonConverter(typeof(JsonOptionalMoney))] decimal? Price,
    string? CurrencyCode,
    int? DurationQuantity,
    string? DurationUnits,
    string? PlanType,
    string? FeatureLevel,
    string? ReturnUrl,
    bool? Enabled,
    SetupFeeRequest? SetupFee,
    bool? AllowsMultipleMailServers,
    string? Terms,
    string? AccountId)
{
    public PlanInput ToInput(Guid? accountId) => new()
    {
        AccountId = accountId,
        Uid = Uid,
        Name = Name,
        Description = Description,
        Tags = Tags,
        Position = Position,
        TrialDays = TrialDays,
        Features = Features?.Select(f => new PlanFeatureInput(f?.Name, f?.Blurb, f?.Description, f?.Position)).ToList(),
        ResellerDomainCents = ResellerCost?.DomainCents,
        ResellerMailboxCents = ResellerCost?.MailboxCents,
        Price = Price,
        CurrencyCode = CurrencyCode,
        DurationQuantity = DurationQuantity,
        DurationUnits = DurationUnits,
        PlanType = PlanType,
        FeatureLevel = FeatureLevel,
        ReturnUrl = ReturnUrl,
        Enabled = Enabled,
        SetupFee = SetupFee is { } fee ? new SetupFeeInput(fee.Amount, fee.CurrencyCode, fee.Description) : null,
        AllowsMultipleMailServers = AllowsMultipleMailServers,
        Terms = Terms,
    };
}

/// <summary>
/// A user's subscription as of now. <c>status</c> is one of inactive, trial, active, complimentary,
/// lifetime, in_grace, lapsed; <c>active</c> is true for all but inactive and lapsed.
/// </summary>
public sealed record SubscriptionResource(
    string Id,
    string AccountId,
    string UserId,
    SubscriptionStatus Status,
    bool Active,
    bool OnTrial,
    bool OnGift,
    bool Lifetime,
    bool InGracePeriod,
    bool ReadyToRenew,
    bool Recurring,
    bool EligibleForFreeTrial,
    long? PlanId,
    string? PlanUid,
    string? PlanName,
    int? PlanVersion,
    string? FeatureLevel,
    DateTimeOffset? ActiveUntil,
    DateTimeOffset? GraceUntil,
    DateTimeOffset? ReadyToRenewSince,
    [property: JsonConverter(typeof(JsonOptionalMoney))] decimal? PendingAmount,
    string? PendingCurrencyCode,
    [property: JsonConverter(typeof(JsonMoney))] decimal StoreCredit,
    string? StoreCreditCurrencyCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static SubscriptionResource From(SubscriptionView view)
    {
        var s = view.Subscription;
        return new(PublicId.Of<Subscription>(s.Id), PublicId.Of<Account>(s.AccountId), PublicId.Of<User>(s.UserId), s.Status, s.IsActive,
            s.Status == SubscriptionStatus.Trial, s.Status == SubscriptionStatus.Complimentary, s.Status == SubscriptionStatus.Lifetime,
            s.Status == SubscriptionStatus.InGrace, s.ReadyToRenew, s.Recurring, s.EligibleForFreeTrial,
            s.PlanNumber, view.Plan?.Uid, view.Plan?.Name, view.PlanVersion?.Number, s.FeatureLevel, s.ActiveUntil, s.GraceUntil, s.ReadyToRenewSince,
            s.PendingAmount, s.PendingCurrencyCode, s.StoreCredit, s.StoreCreditCurrencyCode, s.CreatedAt, s.UpdatedAt, s.Version);
    }
}

public sealed record SubscribeRequest([property: JsonConverter(typeof(JsonKeyText))] string? PlanId, bool? Recurring);

public sealed record DurationRequest(int? DurationQuantity, string? DurationUnits, string? FeatureLevel);

public sealed record LifetimeRequest(string? FeatureLevel);

public sealed record CreditRequest([property: JsonConverter(typeof(JsonOptionalMoney))] decimal? Amount, string? CurrencyCode);

public sealed record SubscriptionPatchRequest(bool? Recurring);
