namespace Steward.Client;

/// <summary>An API credential (without its secret).</summary>
/// <param name="Id">Public id, <c>cred-…</c>.</param>
/// <param name="OwnerKind"><c>account</c>, <c>organisation</c> or <c>user</c>.</param>
/// <param name="OwnerId">The owner's public id.</param>
/// <param name="ApiKey">The API key.</param>
/// <param name="Label">Label.</param>
/// <param name="IsPrimary">Whether faces show it as the owner's key.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
public sealed record Credential(string Id, string OwnerKind, string OwnerId, string ApiKey, string? Label, bool IsPrimary, DateTimeOffset? RevokedAt);

/// <summary>A credential with its secret, as answered at creation or rotation.</summary>
/// <param name="Id">Public id, <c>cred-…</c>.</param>
/// <param name="OwnerKind">Owner kind.</param>
/// <param name="OwnerId">The owner's public id.</param>
/// <param name="ApiKey">The API key.</param>
/// <param name="ApiSecret">The secret (shown once).</param>
public sealed record IssuedCredential(string Id, string OwnerKind, string OwnerId, string ApiKey, string ApiSecret);
