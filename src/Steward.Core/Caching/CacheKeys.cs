using Steward.Core.Access;
using Steward.Core.Tenancy;

namespace Steward.Core.Caching;

/// <summary>Keys of the <see cref="ReadCache"/>; a record per kind so keys of different kinds never collide.</summary>
public static class CacheKeys
{
    public static object Organisation(Guid id) => new OrganisationKey(id);

    public static object Memberships(Guid userId) => new MembershipsKey(userId);

    public static object Credential(string apiKey) => new CredentialKey(apiKey);

    private sealed record OrganisationKey(Guid Id);

    private sealed record MembershipsKey(Guid UserId);

    private sealed record CredentialKey(string ApiKey);
}
