
namespace Steward.Core.Access;

/// <summary>What a signed access token says. <see cref="OrganisationId"/> is <see cref="Guid.Empty"/> when the subject has no organisation.</summary>
public sealed record TokenClaims(
    PrincipalKind Kind,
    Guid TokenId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    Guid AccountId,
    Guid OrganisationId,
    Guid SubjectId,
    Guid CredentialId);
