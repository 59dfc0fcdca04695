using System.Text.Json;

namespace Steward.Client;

/// <summary>A merchant: a service that does paid work and posts charges.</summary>
/// <param name="Id">Public id, <c>merchant-…</c>.</param>
/// <param name="Number">Stable number, unique on the server.</param>
/// <param name="AccountId">Owning account; null for a platform merchant (registered by root).</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Kind of service, such as <c>DATA_MANAGER</c>.</param>
/// <param name="ApiHostname">Where the service's own API is reached.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Merchant(string Id, long Number, string? AccountId, string Name, string Kind, string ApiHostname, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A new merchant with its API key and secret (shown once).</summary>
/// <param name="Id">Public id, <c>merchant-…</c>.</param>
/// <param name="Number">Stable number, unique on the server.</param>
/// <param name="AccountId">Owning account; null for a platform merchant.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Kind of service.</param>
/// <param name="ApiHostname">Where the service's own API is reached.</param>
/// <param name="CredentialId">Its first credential.</param>
/// <param name="ApiKey">The merchant's API key (<c>MAK…</c>).</param>
/// <param name="ApiSecret">The merchant's API secret (<c>MAS…</c>, shown once).</param>
/// <param name="Version">Concurrency version.</param>
public sealed record CreatedMerchant(string Id, long Number, string? AccountId, string Name, string Kind, string ApiHostname, string CredentialId, string ApiKey, string ApiSecret, int Version);

/// <summary>A product's coins in its current billing period; docs/commerce.md (## Billing) defines each figure.</summary>
/// <param name="Allowance">Coins included in each period.</param>
/// <param name="Limit">Coins the product may use in a period.</param>
/// <param name="Used">Signed sum of the period's recorded lines.</param>
/// <param name="Reserved">Coins held by open reservations.</param>
/// <param name="Available">What is left: limit − used − reserved, at least 0.</param>
/// <param name="AtLimit">Used has reached the limit.</param>
/// <param name="Processing">Processing coins of the period.</param>
/// <param name="Storage">Storage coins of the period.</param>
/// <param name="Fees">Fees of the period.</param>
/// <param name="Credits">Credits of the period (zero or less).</param>
/// <param name="CurrentBurnRate">Coins per day of the latest storage line.</param>
/// <param name="BillingPrediction">The period's predicted bill.</param>
/// <param name="BillingPredictionStorageContribution">The part of the prediction due to storage still to come.</param>
/// <param name="BillingDay">The unit's billing day.</param>
/// <param name="AllowanceMultiplier">Factor on coins within the allowance.</param>
/// <param name="OverspendMultiplier">Factor on coins beyond the allowance.</param>
/// <param name="RemainingDays">Days until the next billing day, today included.</param>
/// <param name="PeriodFrom">First day of the period.</param>
/// <param name="PeriodUntil">First day after the period.</param>
public sealed record ProductCoins(
    decimal Allowance, decimal Limit, decimal Used, decimal Reserved, decimal Available, bool AtLimit,
    decimal Processing, decimal Storage, decimal Fees, decimal Credits,
    decimal CurrentBurnRate, decimal BillingPrediction, decimal BillingPredictionStorageContribution,
    int BillingDay, decimal AllowanceMultiplier, decimal OverspendMultiplier, int RemainingDays, DateOnly PeriodFrom, DateOnly PeriodUntil);

/// <summary>A merchant's claim on a product.</summary>
/// <param name="MerchantId">The claiming merchant.</param>
/// <param name="Id">The merchant's own id for what uses the product.</param>
/// <param name="Name">Its name.</param>
/// <param name="ClaimedAt">When it was claimed.</param>
public sealed record ProductClaim(string MerchantId, string Id, string? Name, DateTimeOffset? ClaimedAt);

/// <summary>A unit's subscription to a product type.</summary>
/// <param name="Id">Public id, <c>product-…</c>.</param>
/// <param name="UnitId">Its unit.</param>
/// <param name="OrganisationId">Its unit's organisation.</param>
/// <param name="Name">Name.</param>
/// <param name="Type">Product type.</param>
/// <param name="Flavour">Flavour, for types that have them.</param>
/// <param name="Allowance">Coins included in each period.</param>
/// <param name="Limit">Coins it may use in a period.</param>
/// <param name="Claimable">Whether merchants may claim it.</param>
/// <param name="Claim">The current claim, if any.</param>
/// <param name="Coins">Its coins in the current period.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Product(
    string Id, string UnitId, string OrganisationId, string Name, string Type, string? Flavour, decimal Allowance, decimal Limit,
    bool Claimable, ProductClaim? Claim, ProductCoins Coins, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>One charge line to post.</summary>
/// <param name="ProductId">The product charged.</param>
/// <param name="ExternalId">Your id for the line; sending it again is counted as a duplicate.</param>
/// <param name="Kind"><c>processing</c>, <c>storage</c>, <c>fee</c> or <c>credit</c>.</param>
/// <param name="Coins">The amount, at least 0 (a credit's amount is given back).</param>
/// <param name="Username">Processing: who the work was for (required).</param>
/// <param name="Name">What was done; required for fees.</param>
/// <param name="Description">Free text.</param>
/// <param name="Group">Fees: the group it is shown under.</param>
/// <param name="BurnRate">Storage: coins per day (defaults to the coins).</param>
/// <param name="Sqn">Your sequence number for the line.</param>
/// <param name="Timestamp">When the work happened (default: when it is recorded).</param>
/// <param name="AdditionalData">A JSON object to keep with the line.</param>
public sealed record ChargeLine(
    string ProductId, string ExternalId, string Kind, decimal Coins, string? Username = null, string? Name = null, string? Description = null,
    string? Group = null, decimal? BurnRate = null, long? Sqn = null, DateTimeOffset? Timestamp = null, object? AdditionalData = null);

/// <summary>What a charges request changed.</summary>
/// <param name="Recorded">Lines recorded.</param>
/// <param name="Duplicates">Lines whose external id had already been sent.</param>
public sealed record RecordedCharges(int Recorded, int Duplicates);

/// <summary>Coins held against a product's limit (the spend check).</summary>
/// <param name="Id">Public id, <c>resv-…</c>.</param>
/// <param name="ProductId">The product.</param>
/// <param name="MerchantId">The merchant that reserved.</param>
/// <param name="Coins">The coins held.</param>
/// <param name="State"><c>open</c>, <c>settled</c>, <c>released</c> or <c>expired</c>.</param>
/// <param name="Username">Who the work is for.</param>
/// <param name="Name">What the work is.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ExpiresAt">When it frees its coins unless settled or released first.</param>
/// <param name="ClosedAt">When it was settled, released or expired.</param>
/// <param name="SettledCoins">The charge line's coins, once settled.</param>
public sealed record Reservation(
    string Id, string ProductId, string MerchantId, decimal Coins, string State, string? Username, string? Name,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ClosedAt, decimal? SettledCoins);

/// <summary>Totals of a window of the ledger.</summary>
/// <param name="Coins">The statement's coins (post-final lines apart), signed.</param>
/// <param name="Processing">Processing coins.</param>
/// <param name="Storage">Storage coins.</param>
/// <param name="Fees">Fees.</param>
/// <param name="Credits">Credits (zero or less).</param>
/// <param name="Lines">Lines counted.</param>
/// <param name="PostFinalCoins">Coins of lines that arrived after the period closed.</param>
/// <param name="PostFinalLines">Lines that arrived after the period closed.</param>
public sealed record ChargeTotals(decimal Coins, decimal Processing, decimal Storage, decimal Fees, decimal Credits, long Lines, decimal PostFinalCoins, long PostFinalLines);

/// <summary>A recorded line of the ledger.</summary>
/// <param name="Id">Sequential record number.</param>
/// <param name="Kind">processing, storage, fee or credit.</param>
/// <param name="Coins">Signed amount (credits negative).</param>
/// <param name="ExternalId">The merchant's id for it.</param>
/// <param name="ProductId">The product charged.</param>
/// <param name="MerchantId">The merchant that posted it.</param>
/// <param name="MerchantName">That merchant's name.</param>
/// <param name="Username">Who the work was for.</param>
/// <param name="Name">What was done.</param>
/// <param name="Description">Free text.</param>
/// <param name="Group">Fee group.</param>
/// <param name="BurnRate">Storage: coins per day.</param>
/// <param name="Sqn">The merchant's sequence number.</param>
/// <param name="Timestamp">When the work happened.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="PostFinal">It arrived after its period closed.</param>
/// <param name="AdditionalData">The merchant's JSON object.</param>
public sealed record LedgerLine(
    long Id, string Kind, decimal Coins, string ExternalId, string ProductId, string MerchantId, string? MerchantName, string? Username, string? Name,
    string? Description, string? Group, decimal? BurnRate, long Sqn, DateTimeOffset Timestamp, DateTimeOffset RecordedAt, bool PostFinal, JsonElement? AdditionalData);

/// <summary>A product's charges in a period or date range.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="UnitId">Its unit.</param>
/// <param name="OrganisationId">Its organisation.</param>
/// <param name="ProductType">Its type.</param>
/// <param name="BillingDay">Its unit's billing day.</param>
/// <param name="From">First day of the window.</param>
/// <param name="Until">First day after it.</param>
/// <param name="Pbp">The period offset; null for a date range.</param>
/// <param name="ClosedAt">When the period was closed, if it was.</param>
/// <param name="Final">The period is closed; its statement is frozen.</param>
/// <param name="Totals">Totals of the window.</param>
/// <param name="Lines">A page of its lines.</param>
/// <param name="NextCursor">The next page's cursor; null on the last page.</param>
public sealed record ProductCharges(
    string ProductId, string UnitId, string OrganisationId, string ProductType, int BillingDay, DateOnly From, DateOnly Until, int? Pbp,
    DateTimeOffset? ClosedAt, bool Final, ChargeTotals Totals, IReadOnlyList<LedgerLine> Lines, string? NextCursor);

/// <summary>One product's totals in a unit's charges.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type.</param>
/// <param name="Deleted">It was deleted (its charges stay).</param>
/// <param name="Totals">Its totals.</param>
public sealed record ProductChargeSummary(string ProductId, string Name, string Type, bool Deleted, ChargeTotals Totals);

/// <summary>A unit's charges in a period or date range.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="OrganisationId">Its organisation.</param>
/// <param name="Name">Its name.</param>
/// <param name="BillingDay">Its billing day.</param>
/// <param name="From">First day of the window.</param>
/// <param name="Until">First day after it.</param>
/// <param name="Pbp">The period offset; null for a date range.</param>
/// <param name="ClosedAt">When the period was closed, if it was.</param>
/// <param name="Final">The period is closed.</param>
/// <param name="Totals">Totals of the window.</param>
/// <param name="Products">Totals per product.</param>
/// <param name="Lines">A page of its lines.</param>
/// <param name="NextCursor">The next page's cursor; null on the last page.</param>
public sealed record UnitCharges(
    string UnitId, string OrganisationId, string Name, int BillingDay, DateOnly From, DateOnly Until, int? Pbp, DateTimeOffset? ClosedAt, bool Final,
    ChargeTotals Totals, IReadOnlyList<ProductChargeSummary> Products, IReadOnlyList<LedgerLine> Lines, string? NextCursor);

/// <summary>One unit's totals in an organisation's charges, over its own period.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Name">Its name.</param>
/// <param name="BillingDay">Its billing day.</param>
/// <param name="From">First day of its window.</param>
/// <param name="Until">First day after it.</param>
/// <param name="ClosedAt">When its period was closed, if it was.</param>
/// <param name="Final">Its period is closed.</param>
/// <param name="Totals">Its totals.</param>
public sealed record UnitChargeSummary(string UnitId, string Name, int BillingDay, DateOnly From, DateOnly Until, DateTimeOffset? ClosedAt, bool Final, ChargeTotals Totals);

/// <summary>An organisation's charges.</summary>
/// <param name="OrganisationId">The organisation.</param>
/// <param name="Name">Its name.</param>
/// <param name="From">First day of a date range; null for periods.</param>
/// <param name="Until">First day after a date range; null for periods.</param>
/// <param name="Pbp">The period offset; null for a date range.</param>
/// <param name="Totals">Totals.</param>
/// <param name="Units">Each unit's totals.</param>
public sealed record OrganisationCharges(string OrganisationId, string Name, DateOnly? From, DateOnly? Until, int? Pbp, ChargeTotals Totals, IReadOnlyList<UnitChargeSummary> Units);

/// <summary>One organisation's totals in an account's charges.</summary>
/// <param name="OrganisationId">The organisation.</param>
/// <param name="Name">Its name.</param>
/// <param name="Totals">Its totals.</param>
public sealed record OrganisationChargeSummary(string OrganisationId, string Name, ChargeTotals Totals);

/// <summary>An account's charges.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="From">First day of a date range; null for periods.</param>
/// <param name="Until">First day after a date range; null for periods.</param>
/// <param name="Pbp">The period offset; null for a date range.</param>
/// <param name="Totals">Totals.</param>
/// <param name="Organisations">Each organisation's totals.</param>
public sealed record AccountCharges(string AccountId, DateOnly? From, DateOnly? Until, int? Pbp, ChargeTotals Totals, IReadOnlyList<OrganisationChargeSummary> Organisations);
