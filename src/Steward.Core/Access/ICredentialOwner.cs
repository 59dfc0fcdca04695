using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Access;

/// <summary>
/// A kind of owner that may hold API keys (an account, an organisation, a user...). Each area that
/// has such owners registers one, so <see cref="CredentialService"/> needs no switch over kinds.
/// </summary>
public interface ICredentialOwner
{
    PrincipalKind Kind { get; }

    /// <summary>
    /// The account of owner <paramref name="id"/> when the caller may manage its credentials; otherwise
    /// the error to answer (not found when the caller may not even see it).
    /// </summary>
    Task<Result<Guid>> ResolveAsync(Principal p, StewardDb db, Guid id, CancellationToken ct);

    /// <summary>Null when the caller may manage the credentials of owner <paramref name="id"/>.</summary>
    Task<Error?> CanManageAsync(Principal p, StewardDb db, Guid id, CancellationToken ct);

    /// <summary>The owners among <paramref name="ids"/> whose credentials the caller may manage, in one read.</summary>
    Task<IReadOnlySet<Guid>> ManageableAsync(Principal p, StewardDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<bool> ExistsAsync(StewardDb db, Guid id, CancellationToken ct);

    /// <summary>The organisation a caller of this kind acts within (<see cref="Guid.Empty"/> when none).</summary>
    Task<Guid> OrganisationOfAsync(StewardDb db, Guid id, CancellationToken ct);
}
