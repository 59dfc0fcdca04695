namespace Steward.Client;

/// <summary>An organisation.</summary>
/// <param name="Id">Public id, <c>org-…</c>.</param>
/// <param name="AccountId">Owning account.</param>
/// <param name="Name">Name, unique in the account.</param>
/// <param name="DomainName">Optional domain name, unique on the server (a Kandy domain).</param>
/// <param name="Description">Free text.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Organisation(string Id, string AccountId, string Name, string? DomainName, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A new organisation with its API key and secret (shown once).</summary>
/// <param name="Id">Public id, <c>org-…</c>.</param>
/// <param name="AccountId">Owning account.</param>
/// <param name="Name">Name.</param>
/// <param name="DomainName">Domain name, if any.</param>
/// <param name="ApiKey">The organisation's API key.</param>
/// <param name="ApiSecret">The organisation's API secret (shown once).</param>
/// <param name="Version">Concurrency version.</param>
public sealed record CreatedOrganisation(string Id, string AccountId, string Name, string? DomainName, string ApiKey, string ApiSecret, int Version);
