namespace Steward.Core.Tenancy;

/// <summary>A user's role in an organisation.</summary>
public sealed class Membership
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UserId { get; set; }

    public MembershipRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

public enum MembershipRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}
