using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Access;

/// <summary>The authenticated caller of a core operation. Organisation is <see cref="Guid.Empty"/> when none.</summary>
public sealed record Principal(
    PrincipalKind Kind,
    Guid AccountId,
    Guid OrganisationId,
    Guid SubjectId,
    Guid CredentialId,
    Guid TokenId,
    DateTimeOffset ExpiresAt)
{
    /// <summary>Steward itself, for changes no caller made (bootstrap, maintenance).</summary>
    public static readonly Principal System = new(PrincipalKind.Root, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, DateTimeOffset.MaxValue);

    public bool IsRoot => Kind == PrincipalKind.Root;

    /// <summary>The public id recorded as the actor of events (audit).</summary>
    public string ActorId => IsRoot && SubjectId == Guid.Empty ? "system" : PrincipalKinds.PublicIdOf(Kind, SubjectId);

    /// <summary>The owner of a credential, for calls authenticated with a key and secret instead of a token.</summary>
    public static Principal FromCredential(CredentialSnapshot c) =>
        new(c.OwnerKind, c.AccountId, c.OrganisationId, c.OwnerId, c.Id, Guid.Empty, DateTimeOffset.MaxValue);

    public static Principal FromClaims(TokenClaims c) =>
        new(c.Kind, c.AccountId, c.OrganisationId, c.SubjectId, c.CredentialId, c.TokenId, c.ExpiresAt);
}
