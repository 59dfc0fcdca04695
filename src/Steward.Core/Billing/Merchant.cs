using Steward.Core.Ids;

namespace Steward.Core.Billing;

/// <summary>
/// A registered service that does paid work (a Data Manager) and posts its usage as charges. It has
/// its own API keys and tokens (<c>MAK</c>/<c>MAS</c>/<c>MAT</c>). One registered by root has no
/// account: it is a platform service that every account sees and that may charge any account's
/// products; one registered by an account serves that account alone.
/// </summary>
public sealed class Merchant : IPublicEntity
{
    public static string IdPrefix => "merchant";

    public Guid Id { get; set; }

    /// <summary>The owning account; null for a platform merchant (registered by root).</summary>
    public Guid? AccountId { get; set; }

    /// <summary>A stable number, unique on the server, for faces that need one (the Account Server's <c>m_id</c>).</summary>
    public long Number { get; set; }

    public string Name { get; set; } = "";

    /// <summary>What kind of service it is; one of <see cref="MerchantKinds.All"/>.</summary>
    public string Kind { get; set; } = MerchantKinds.DataManager;

    /// <summary>Where the service's own API is reached (a host name, optionally with a port).</summary>
    public string ApiHostname { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public bool IsPlatform => AccountId is null;
}

/// <summary>The kinds of merchant, as the wire spells them.</summary>
public static class MerchantKinds
{
    public const string DataManager = "DATA_MANAGER";

    public static readonly IReadOnlyList<string> All = [DataManager];
}
