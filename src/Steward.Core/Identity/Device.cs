using Steward.Core.Ids;

namespace Steward.Core.Identity;

/// <summary>A device registered by a user.</summary>
public sealed class Device : IPublicEntity
{
    public static string IdPrefix => "device";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid UserId { get; set; }

    public string? NativeId { get; set; }

    public string? Family { get; set; }

    public string? Name { get; set; }

    public string? ClientSoftwareVersion { get; set; }

    public string? OsVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
