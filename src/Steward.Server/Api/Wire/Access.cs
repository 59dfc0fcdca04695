using Steward.Core.Access;
using Steward.Core.Ids;

namespace Steward.Server.Api.Wire;

// Credentials and tokens on the native wire (snake_case). Request bodies leave every field optional at the JSON level
// so that the core reports all missing or invalid fields at once, by name.

public sealed record CredentialResource(string Id, PrincipalKind OwnerKind, string OwnerId, string ApiKey, string? Label, bool IsPrimary, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt, int Version)
{
    public static CredentialResource From(Credential c) =>
        new(PublicId.Of<Credential>(c.Id), c.OwnerKind, PrincipalKinds.PublicIdOf(c.OwnerKind, c.OwnerId), c.ApiKey, c.Label, c.IsPrimary, c.CreatedAt, c.RotatedAt, c.RevokedAt, c.Version);
}

public sealed record IssuedCredentialResource(string Id, PrincipalKind OwnerKind, string OwnerId, string ApiKey, string ApiSecret, string? Label, bool IsPrimary, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt)
{
    public static IssuedCredentialResource From(IssuedCredential i)
    {
        var c = i.Credential;
        return new(PublicId.Of<Credential>(c.Id), c.OwnerKind, PrincipalKinds.PublicIdOf(c.OwnerKind, c.OwnerId), c.ApiKey, i.Secret, c.Label, c.IsPrimary, c.CreatedAt, c.RotatedAt);
    }
}

public sealed record TokenResource(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt);

public sealed record CredentialRequest(string? OwnerId, string? Label);

public sealed record MintTokenRequest(string? UserId);
