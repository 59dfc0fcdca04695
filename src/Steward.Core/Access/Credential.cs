using Steward.Core.Identity;
using Steward.Core.Tenancy;
using Steward.Core.Ids;

namespace Steward.Core.Access;

/// <summary>
/// An API key and secret. The key is public; the secret is stored twice: as a SHA-256 hash to
/// verify it, and encrypted (AES-256-GCM) so the Kandy face can show it to the owning account.
/// </summary>
public sealed class Credential : IPublicEntity
{
    public static string IdPrefix => "cred";

    public Guid Id { get; set; }

    /// <summary>Null only for the root credential.</summary>
    public Guid? AccountId { get; set; }

    public PrincipalKind OwnerKind { get; set; }

    public Guid OwnerId { get; set; }

    public string ApiKey { get; set; } = "";

    public byte[] SecretHash { get; set; } = [];

    public string SecretCipher { get; set; } = "";

    public string? Label { get; set; }

    /// <summary>The primary credential is the one a face shows as the owner's key and secret.</summary>
    public bool IsPrimary { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public int Version { get; set; }
}
