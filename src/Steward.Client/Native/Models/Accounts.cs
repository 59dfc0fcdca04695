namespace Steward.Client;

/// <summary>An account (tenant).</summary>
/// <param name="Id">Public id, <c>acct-…</c>.</param>
/// <param name="Number">Stable account number.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Contact email.</param>
/// <param name="Slug">Unique name of the account in paths (a realm, a Spreedly site): lower-case letters, digits and dashes.</param>
/// <param name="Test">A test account (a Spreedly test site).</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Account(string Id, long Number, string Name, string Email, string Slug, bool Test, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A new account with its first credential; the secret is shown this once.</summary>
/// <param name="Id">Public id, <c>acct-…</c>.</param>
/// <param name="Number">Stable account number.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Contact email.</param>
/// <param name="Slug">Unique name of the account in paths.</param>
/// <param name="Test">A test account.</param>
/// <param name="CredentialId">Id of the first credential.</param>
/// <param name="ApiKey">The account's API key.</param>
/// <param name="ApiSecret">The account's API secret (shown once).</param>
/// <param name="Version">Concurrency version.</param>
public sealed record CreatedAccount(string Id, long Number, string Name, string Email, string Slug, bool Test, string CredentialId, string ApiKey, string ApiSecret, int Version);
