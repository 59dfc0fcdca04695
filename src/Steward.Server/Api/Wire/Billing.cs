using System.Text.Json;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Server.Api.Wire;

// Merchants, products and charges on the native wire (snake_case). Coin amounts are decimal strings
// ("12.5"), exact whatever the client's number type; requests accept JSON numbers or decimal strings.

public sealed record MerchantResource(string Id, long Number, string? AccountId, string Name, string Kind, string ApiHostname, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static MerchantResource From(Merchant m) =>
        new(PublicId.Of<Merchant>(m.Id), m.Number, m.AccountId is { } a ? PublicId.Of<Account>(a) : null, m.Name, m.Kind, m.ApiHostname, m.CreatedAt, m.UpdatedAt, m.Version);
}

public sealed record CreatedMerchantResource(string Id, long Number, string? AccountId, string Name, string Kind, string ApiHostname, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, string CredentialId, string ApiKey, string ApiSecret)
{
    public static CreatedMerchantResource From(CreatedMerchant c)
    {
        var m = c.Merchant;
        return new(PublicId.Of<Merchant>(m.Id), m.Number, m.AccountId is { } a ? PublicId.Of<Account>(a) : null, m.Name, m.Kind, m.ApiHostname, m.CreatedAt, m.UpdatedAt, m.Version,
            PublicId.Of<Credential>(c.Credential.Credential.Id), c.Credential.Credential.ApiKey, c.Credential.Secret);
    }
}

public sealed record CoinsResource(
    string Allowance,
    string Limit,
    string Used,
    string Reserved,
    string Available,
    bool AtLimit,
    string Processing,
    string Storage,
    string Fees,
    string Credits,
    string CurrentBurnRate,
    string BillingPrediction,
    string BillingPredictionStorageContribution,
    int BillingDay,
    string AllowanceMultiplier,
    string OverspendMultiplier,
    int RemainingDays,
    DateOnly PeriodFrom,
    DateOnly PeriodUntil)
{
    public static CoinsResource From(CoinsDetail c) => new(
        Coins.Format(c.Allowance), Coins.Format(c.Limit), Coins.Format(c.Used), Coins.Format(c.Reserved), Coins.Format(c.Available), c.AtLimit,
        Coins.Format(c.Processing), Coins.Format(c.Storage), Coins.Format(c.Fees), Coins.Format(c.Credits),
        Coins.Format(c.CurrentBurnRate), Coins.Format(c.BillingPrediction), Coins.Format(c.BillingPredictionStorageContribution),
        c.BillingDay, Coins.Format(c.AllowanceMultiplier), Coins.Format(c.OverspendMultiplier), c.RemainingDays, c.PeriodFrom, c.PeriodUntil);
}

public sealed record ClaimResource(string MerchantId, string Id, string? Name, DateTimeOffset? ClaimedAt);

public sealed record ProductResource(
    string Id,
    string UnitId,
    string OrganisationId,
    string Name,
    string Type,
    string? Flavour,
    string Allowance,
    string Limit,
    bool Claimable,
    ClaimResource? Claim,
    CoinsResource Coins,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static ProductResource From(ProductView v)
    {
        var p = v.Product;
        var claim = p.ClaimMerchantId is { } m ? new ClaimResource(PublicId.Of<Merchant>(m), p.ClaimId!, p.ClaimName, p.ClaimedAt) : null;
        return new(PublicId.Of<Product>(p.Id), PublicId.Of<Unit>(p.UnitId), PublicId.Of<Organisation>(p.OrganisationId), p.Name, p.Type, p.Flavour,
            Core.Billing.Coins.Format(p.Allowance), Core.Billing.Coins.Format(p.Limit), v.Claimable, claim, CoinsResource.From(v.Coins), p.CreatedAt, p.UpdatedAt, p.Version);
    }
}

public sealed record ChargeTotalsResource(string Coins, string Processing, string Storage, string Fees, string Credits, long Lines, string PostFinalCoins, long PostFinalLines)
{
    public static ChargeTotalsResource From(ChargeSums s) => new(
        Core.Billing.Coins.Format(s.Coins), Core.Billing.Coins.Format(s.Processing), Core.Billing.Coins.Format(s.Storage), Core.Billing.Coins.Format(s.Fees),
        Core.Billing.Coins.Format(s.Credits), s.Lines, Core.Billing.Coins.Format(s.PostFinalCoins), s.PostFinalLines);
}

public sealed record ChargeLineResource(
    long Id,
    ChargeKind Kind,
    string Coins,
    string ExternalId,
    string ProductId,
    string MerchantId,
    string? MerchantName,
    string? Username,
    string? Name,
    string? Description,
    string? Group,
    string? BurnRate,
    long Sqn,
    DateTimeOffset Timestamp,
    DateTimeOffset RecordedAt,
    bool PostFinal,
    JsonElement? AdditionalData)
{
    public static IReadOnlyList<ChargeLineResource> From(LinePage page) => page.Lines.Select(l => new ChargeLineResource(
        l.Id, l.Kind, Core.Billing.Coins.Format(l.Coins), l.ExternalId, PublicId.Of<Product>(l.ProductId), PublicId.Of<Merchant>(l.MerchantId),
        page.Merchants.TryGetValue(l.MerchantId, out var m) ? m.Name : null, l.Username, l.Name, l.Description, l.Group,
        l.BurnRate is { } rate ? Core.Billing.Coins.Format(rate) : null, l.Sequence, l.Timestamp, l.RecordedAt, l.PostFinal,
        l.AdditionalData is { } data ? JsonDocument.Parse(data).RootElement.Clone() : null)).ToList();
}

public sealed record ProductChargesResource(
    string ProductId,
    string UnitId,
    string OrganisationId,
    string ProductType,
    int BillingDay,
    DateOnly From,
    DateOnly Until,
    int? Pbp,
    DateTimeOffset? ClosedAt,
    bool Final,
    ChargeTotalsResource Totals,
    IReadOnlyList<ChargeLineResource> Lines,
    string? NextCursor)
{
    public static ProductChargesResource Of(ProductCharges c)
    {
        var p = c.Row.Product;
        return new(PublicId.Of<Product>(p.Id), PublicId.Of<Unit>(p.UnitId), PublicId.Of<Organisation>(p.OrganisationId), p.Type, c.Row.BillingDay,
            c.Window.From, c.Window.Until, c.Window.Pbp, c.Period?.ClosedAt, c.Period?.ClosedAt is not null, ChargeTotalsResource.From(c.Totals),
            ChargeLineResource.From(c.Lines), c.Lines.NextCursor);
    }
}

public sealed record ProductChargeSummary(string ProductId, string Name, string Type, bool Deleted, ChargeTotalsResource Totals);

public sealed record UnitChargesResource(
    string UnitId,
    string OrganisationId,
    string Name,
    int BillingDay,
    DateOnly From,
    DateOnly Until,
    int? Pbp,
    DateTimeOffset? ClosedAt,
    bool Final,
    ChargeTotalsResource Totals,
    IReadOnlyList<ProductChargeSummary> Products,
    IReadOnlyList<ChargeLineResource> Lines,
    string? NextCursor)
{
    public static UnitChargesResource Of(UnitCharges c)
    {
        var u = c.Unit;
        return new(PublicId.Of<Unit>(u.Unit.Id), PublicId.Of<Organisation>(u.Unit.OrganisationId), u.Unit.Name, u.Unit.BillingDay, u.Window.From, u.Window.Until, u.Window.Pbp,
            u.Period?.ClosedAt, u.Period?.ClosedAt is not null, ChargeTotalsResource.From(u.Totals),
            c.Products.Select(x => new ProductChargeSummary(PublicId.Of<Product>(x.Product.Id), x.Product.Name, x.Product.Type, x.Product.DeletedAt is not null, ChargeTotalsResource.From(x.Totals))).ToList(),
            ChargeLineResource.From(c.Lines), c.Lines.NextCursor);
    }
}

public sealed record UnitChargeSummary(string UnitId, string Name, int BillingDay, DateOnly From, DateOnly Until, DateTimeOffset? ClosedAt, bool Final, ChargeTotalsResource Totals)
{
    public static UnitChargeSummary Of(UnitSums u) =>
        new(PublicId.Of<Unit>(u.Unit.Id), u.Unit.Name, u.Unit.BillingDay, u.Window.From, u.Window.Until, u.Period?.ClosedAt, u.Period?.ClosedAt is not null, ChargeTotalsResource.From(u.Totals));
}

public sealed record OrganisationChargesResource(string OrganisationId, string Name, DateOnly? From, DateOnly? Until, int? Pbp, ChargeTotalsResource Totals, IReadOnlyList<UnitChargeSummary> Units)
{
    public static OrganisationChargesResource Of(OrganisationCharges c) =>
        new(PublicId.Of<Organisation>(c.Organisation.Id), c.Organisation.Name, c.Window.From, c.Window.Until, c.Window.IsRange ? null : c.Window.Pbp ?? 0,
            ChargeTotalsResource.From(c.Totals), c.Units.Select(UnitChargeSummary.Of).ToList());
}

public sealed record OrganisationChargeSummary(string OrganisationId, string Name, ChargeTotalsResource Totals);

public sealed record AccountChargesResource(string AccountId, DateOnly? From, DateOnly? Until, int? Pbp, ChargeTotalsResource Totals, IReadOnlyList<OrganisationChargeSummary> Organisations)
{
    public static AccountChargesResource Of(AccountCharges c) =>
        new(PublicId.Of<Account>(c.Account.Id), c.Window.From, c.Window.Until, c.Window.IsRange ? null : c.Window.Pbp ?? 0, ChargeTotalsResource.From(c.Totals),
            c.Organisations.Select(o => new OrganisationChargeSummary(PublicId.Of<Organisation>(o.Organisation.Id), o.Organisation.Name, ChargeTotalsResource.From(o.Totals))).ToList());
}

public sealed record RecordedChargesResource(int Recorded, int Duplicates);

public sealed record ReservationResource(
    string Id,
    string ProductId,
    string MerchantId,
    string Coins,
    string State,
    string? Username,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ClosedAt,
    string? SettledCoins)
{
    public static ReservationResource From(ReservationView v)
    {
        var r = v.Reservation;
        return new(PublicId.Of<Reservation>(r.Id), PublicId.Of<Product>(r.ProductId), PublicId.Of<Merchant>(r.MerchantId), Core.Billing.Coins.Format(r.Coins),
            ReservationStates.Name(v.State), r.Username, r.Name, r.CreatedAt, r.ExpiresAt, r.ClosedAt ?? (v.State == ReservationState.Expired ? r.ExpiresAt : null),
            r.SettledCoins is { } settled ? Core.Billing.Coins.Format(settled) : null);
    }
}

public sealed record MerchantRequest(string? Name, string? Kind, string? ApiHostname, string? AccountId);

/// <summary>Amounts are JSON numbers or decimal strings; they are read as text and checked by the core.</summary>
public sealed record ProductRequest(string? Name, string? Type, string? Flavour, JsonElement Allowance, JsonElement Limit);

public sealed record ClaimRequest(string? Id, string? Name);

/// <summary>A spend check: <c>coins</c> (a JSON number or a decimal string), <c>ttl_seconds</c> (default 300), and what the work is.</summary>
public sealed record ReservationRequest(JsonElement Coins, long? TtlSeconds, string? Username, string? Name);

public sealed record SettlementRequest(JsonElement Coins, string? Username, string? Name);

public sealed record ChargesRequest(IReadOnlyList<ChargeLineRequest?>? Lines);

public sealed record ChargeLineRequest(
    string? ProductId,
    string? ExternalId,
    string? Kind,
    JsonElement Coins,
    string? Username,
    string? Name,
    string? Description,
    string? Group,
    JsonElement BurnRate,
    long? Sqn,
    DateTimeOffset? Timestamp,
    JsonElement AdditionalData)
{
    public ChargeLineInput ToInput() => new(ProductId, ExternalId, Kind, Amount.Text(Coins), Username, Name, Description, Group, Amount.Text(BurnRate), Sqn, Timestamp,
        AdditionalData.ValueKind == JsonValueKind.Undefined ? null : AdditionalData);
}

/// <summary>Reads an amount given as a JSON number or a decimal string as its text; absent or null is null.</summary>
public static class Amount
{
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
