namespace Steward.Core.Access;

/// <summary>
/// A revocation: tokens whose id, account, organisation, subject or credential equals <see cref="Key"/> and that were issued
/// before <see cref="Cutoff"/> are refused. Kept until <see cref="ExpiresAt"/>, after which no such token can be valid.
/// </summary>
public sealed class Revocation
{
    public long Id { get; set; }

    public Guid Key { get; set; }

    public DateTimeOffset Cutoff { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
