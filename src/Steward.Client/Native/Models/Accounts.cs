namespace Steward.Client;

/// <summary>An account (tenant).</summary>
/// <param name="Id">Public id, <c>acct-…</c>.</param>
/// <param name="Number">Stable account number.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Contact email.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Account(string Id, long Number, string Name, string Email, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A new account with its first credential; the secret is shown this once.</summary>
/// <param name="Id">Public id, <c>acct-…</c>.</param>
/// <param name="Number">Stable account number.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Contact email.</param>
/// <param name="CredentialId">Id of the first credential.</param>
/// <param name="ApiKey">The account's API key.</param>
/// <param name="ApiSecret">The account's API secret (shown once).</param>
/// <param name="Version">Concurrency version.</param>
public sealed record CreatedAccount(string Id, long Number, string Name, string Email, string CredentialId, string ApiKey, string ApiSecret, int Version);
