namespace Steward.Client;

/// <summary>A product type: built in (every account has it) or the account's own.</summary>
/// <param name="Code">The type's code, such as <c>DATA_MANAGER_STORAGE_SUBSCRIPTION</c>.</param>
/// <param name="Kind"><c>storage</c> (allowance, no flavour) or <c>tier</c> (a flavour is required).</param>
/// <param name="Flavours">The flavours a tier product may have; empty for storage.</param>
/// <param name="ServiceKind">The service that uses such products, such as <c>DATA_MANAGER</c>.</param>
/// <param name="Description">What the type is.</param>
/// <param name="BuiltIn">True for the types every account has.</param>
/// <param name="AccountId">The account that added it; null when built in.</param>
public sealed record ProductType(string Code, string Kind, IReadOnlyList<string> Flavours, string? ServiceKind, string? Description, bool BuiltIn, string? AccountId);

/// <summary>One feature of a plan.</summary>
/// <param name="Id">Integer id, kept while the feature keeps its name.</param>
/// <param name="Name">Name, unique in the plan.</param>
/// <param name="Blurb">A short line.</param>
/// <param name="Description">Longer text.</param>
/// <param name="Position">Display order.</param>
public sealed record PlanFeature(long Id, string Name, string? Blurb, string? Description, int Position);

/// <summary>What a reseller pays (HSP packages).</summary>
/// <param name="DomainCents">Per domain, in cents.</param>
/// <param name="MailboxCents">Per mailbox, in cents.</param>
public sealed record ResellerCost(long? DomainCents, long? MailboxCents);

/// <summary>A one-time fee charged with the first period.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="CurrencyCode">Its currency.</param>
/// <param name="Description">What it is for.</param>
public sealed record SetupFee(decimal Amount, string? CurrencyCode, string? Description);

/// <summary>One version of a plan's terms.</summary>
/// <param name="Version">1, 2, … in order of change.</param>
/// <param name="PlanType"><c>regular</c> or <c>free_trial</c>.</param>
/// <param name="Price">Price of one period.</param>
/// <param name="CurrencyCode">ISO 4217 code.</param>
/// <param name="DurationQuantity">Length of a period, in <paramref name="DurationUnits"/>.</param>
/// <param name="DurationUnits"><c>days</c> or <c>months</c>.</param>
/// <param name="TrialDays">Days of trial before the first period of a regular plan.</param>
/// <param name="FeatureLevel">What subscribers get.</param>
/// <param name="SetupFee">The setup fee, if any.</param>
/// <param name="Terms">The terms in words, such as <c>1 month</c>.</param>
/// <param name="CreatedAt">When these terms were set.</param>
public sealed record PlanVersion(
    int Version, string PlanType, decimal Price, string CurrencyCode, int DurationQuantity, string DurationUnits, int TrialDays,
    string? FeatureLevel, SetupFee? SetupFee, string Terms, DateTimeOffset CreatedAt);

/// <summary>A plan in the account's catalog, with its current terms at the top level.</summary>
/// <param name="Id">The plan's integer id, unique on the server.</param>
/// <param name="Uid">Stable name, unique in the account.</param>
/// <param name="AccountId">The owning account.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">Free text.</param>
/// <param name="Tags">Tags the plan is listed under.</param>
/// <param name="Position">List order.</param>
/// <param name="TrialDays">Trial days of the current terms.</param>
/// <param name="Features">Features, in order.</param>
/// <param name="ResellerCost">What a reseller pays, if set.</param>
/// <param name="Price">Current price of one period.</param>
/// <param name="CurrencyCode">Current currency.</param>
/// <param name="DurationQuantity">Current period length.</param>
/// <param name="DurationUnits"><c>days</c> or <c>months</c>.</param>
/// <param name="PlanType"><c>regular</c> or <c>free_trial</c>.</param>
/// <param name="FeatureLevel">Current feature level.</param>
/// <param name="ReturnUrl">Where buyers return to.</param>
/// <param name="Enabled">Whether it can be bought.</param>
/// <param name="SetupFee">Current setup fee, if any.</param>
/// <param name="AllowsMultipleMailServers">HSP: several mail servers per domain.</param>
/// <param name="Terms">The terms in words.</param>
/// <param name="TermsVersion">Number of the current terms version.</param>
/// <param name="Versions">Every terms version, oldest first.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Plan(
    long Id, string Uid, string AccountId, string Name, string? Description, IReadOnlyList<string> Tags, int Position, int TrialDays,
    IReadOnlyList<PlanFeature> Features, ResellerCost? ResellerCost, decimal Price, string CurrencyCode, int DurationQuantity, string DurationUnits,
    string PlanType, string? FeatureLevel, string? ReturnUrl, bool Enabled, SetupFee? SetupFee, bool AllowsMultipleMailServers, string Terms,
    int TermsVersion, IReadOnlyList<PlanVersion> Versions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A feature to give a plan.</summary>
/// <param name="Name">Name, unique in the plan.</param>
/// <param name="Blurb">A short line.</param>
/// <param name="Description">Longer text.</param>
/// <param name="Position">Display order; its place in the list when null.</param>
public sealed record PlanFeatureFields(string Name, string? Blurb = null, string? Description = null, int? Position = null);

/// <summary>A setup fee to give a plan; an amount of 0 removes it.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="CurrencyCode">Its currency; the plan's when null.</param>
/// <param name="Description">What it is for.</param>
public sealed record SetupFeeFields(decimal Amount, string? CurrencyCode = null, string? Description = null);

/// <summary>Fields of a plan to create or change; null fields are left out (defaults on create, unchanged on update).</summary>
/// <param name="Name">Display name (required on create).</param>
/// <param name="Uid">Stable name; derived from the name when null. Cannot change.</param>
/// <param name="Description">Free text.</param>
/// <param name="Tags">Tags (replaces the list).</param>
/// <param name="Position">List order.</param>
/// <param name="TrialDays">Trial days before the first period.</param>
/// <param name="Features">Features (replaces the list).</param>
/// <param name="ResellerCost">What a reseller pays.</param>
/// <param name="Price">Price of one period.</param>
/// <param name="CurrencyCode">ISO 4217 code.</param>
/// <param name="DurationQuantity">Period length.</param>
/// <param name="DurationUnits"><c>days</c> or <c>months</c>.</param>
/// <param name="PlanType"><c>regular</c> or <c>free_trial</c>.</param>
/// <param name="FeatureLevel">What subscribers get.</param>
/// <param name="ReturnUrl">Where buyers return to.</param>
/// <param name="Enabled">Whether it can be bought.</param>
/// <param name="SetupFee">A setup fee.</param>
/// <param name="AllowsMultipleMailServers">HSP: several mail servers per domain.</param>
/// <param name="Terms">The terms in words.</param>
public sealed record PlanFields(
    string? Name = null, string? Uid = null, string? Description = null, IReadOnlyList<string>? Tags = null, int? Position = null, int? TrialDays = null,
    IReadOnlyList<PlanFeatureFields>? Features = null, ResellerCost? ResellerCost = null, decimal? Price = null, string? CurrencyCode = null,
    int? DurationQuantity = null, string? DurationUnits = null, string? PlanType = null, string? FeatureLevel = null, string? ReturnUrl = null,
    bool? Enabled = null, SetupFeeFields? SetupFee = null, bool? AllowsMultipleMailServers = null, string? Terms = null);

/// <summary>A user's subscription, as of now.</summary>
/// <param name="Id">Public id, <c>sub-…</c>.</param>
/// <param name="AccountId">The account.</param>
/// <param name="UserId">The subscriber.</param>
/// <param name="Status"><c>inactive</c>, <c>trial</c>, <c>active</c>, <c>complimentary</c>, <c>lifetime</c>, <c>in_grace</c> or <c>lapsed</c>.</param>
/// <param name="Active">True unless inactive or lapsed.</param>
/// <param name="OnTrial">On a trial.</param>
/// <param name="OnGift">On complimentary time.</param>
/// <param name="Lifetime">Never expires.</param>
/// <param name="InGracePeriod">A renewal is due and not yet paid.</param>
/// <param name="ReadyToRenew">Same as <paramref name="InGracePeriod"/>: renew it once paid.</param>
/// <param name="Recurring">Renews automatically.</param>
/// <param name="EligibleForFreeTrial">May start a free trial.</param>
/// <param name="PlanId">The plan's integer id.</param>
/// <param name="PlanUid">The plan's uid.</param>
/// <param name="PlanName">The plan's name.</param>
/// <param name="PlanVersion">The terms version bought.</param>
/// <param name="FeatureLevel">What the subscriber gets.</param>
/// <param name="ActiveUntil">End of the current period.</param>
/// <param name="GraceUntil">When a due renewal lapses.</param>
/// <param name="ReadyToRenewSince">When the renewal became due.</param>
/// <param name="PendingAmount">The due renewal's charge.</param>
/// <param name="PendingCurrencyCode">Its currency.</param>
/// <param name="StoreCredit">Store credit.</param>
/// <param name="StoreCreditCurrencyCode">Its currency.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Subscription(
    string Id, string AccountId, string UserId, string Status, bool Active, bool OnTrial, bool OnGift, bool Lifetime, bool InGracePeriod,
    bool ReadyToRenew, bool Recurring, bool EligibleForFreeTrial, long? PlanId, string? PlanUid, string? PlanName, int? PlanVersion,
    string? FeatureLevel, DateTimeOffset? ActiveUntil, DateTimeOffset? GraceUntil, DateTimeOffset? ReadyToRenewSince, decimal? PendingAmount,
    string? PendingCurrencyCode, decimal StoreCredit, string? StoreCreditCurrencyCode, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);
