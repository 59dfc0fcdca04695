namespace Steward.Core.Assets;

/// <summary>Why an asset operation was refused (<see cref="Results.Error.Reason"/>, with code conflict), for faces that word their own answers.</summary>
public static class AssetReasons
{
    /// <summary>An asset attached to a merchant cannot be deleted; detach it first.</summary>
    public const string Attached = "asset_attached";

    /// <summary>A disabled asset is not revealed to merchants.</summary>
    public const string Disabled = "asset_disabled";

    /// <summary>A merchant attached to assets cannot be deleted; detach it first.</summary>
    public const string MerchantAttached = "merchant_attached";
}
