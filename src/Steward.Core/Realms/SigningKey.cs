using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steward.Core.Realms;

/// <summary>
/// An RSA key the realms sign their JWTs with. One key is active (no <see cref="RetiredAt"/>); a retired key
/// is still published, so that the tokens it signed verify until they expire. Server-wide: every realm
/// signs with the same key, and the issuer (<c>iss</c>) tells the realms apart.
/// </summary>
public sealed class SigningKey
{
    public Guid Id { get; set; }

    /// <summary>The JWS <c>kid</c>.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The public key, base64 DER SubjectPublicKeyInfo (what <c>GET /realms/{realm}</c> answers).</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>The private key, PKCS#8 DER in base64, encrypted with the master key (<see cref="Security.SecretProtector"/>).</summary>
    public string PrivateKeyCipher { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a newer key took over signing; null while this key signs.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> b)
    {
        b.ToTable("signing_keys");
        b.HasKey(x => x.Id);
        b.Property(x => x.KeyId).HasMaxLength(64).IsRequired();
        b.Property(x => x.PublicKey).HasMaxLength(1024).IsRequired();
        b.Property(x => x.PrivateKeyCipher).HasMaxLength(4096).IsRequired();
        b.HasIndex(x => x.KeyId).IsUnique();
    }
}
