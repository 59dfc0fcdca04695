namespace Steward.Client.Kandy;

/// <summary>
/// User-level Kandy calls (seed 001, "User"): user access tokens and devices.
/// The <see cref="HttpClient"/>'s base address is the Steward server (ending with '/').
/// </summary>
public sealed class KandyUser
{
    private readonly HttpClient http;

    /// <summary>Creates the client over an <see cref="HttpClient"/> whose base address is the Steward server.</summary>
    /// <param name="http">The HTTP client; it is not disposed by this object.</param>
    public KandyUser(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
    }

    /// <summary><c>get_user_access_token</c>: a user access token, asked for with the user's domain's key and secret.</summary>
    /// <param name="domainApiKey">The domain's API key (<c>DAK…</c>).</param>
    /// <param name="domainApiSecret">The domain's API secret.</param>
    /// <param name="userId">The user id within the domain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyUserAccessToken>> GetUserAccessTokenAsync(string domainApiKey, string domainApiSecret, string userId, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyUserAccessToken>(http, HttpMethod.Get, "domains/users/accesstokens", [("key", domainApiKey), ("domain_api_secret", domainApiSecret), ("user_id", userId)], null, cancellationToken);

    /// <summary><c>create_device</c>: registers a device of the user.</summary>
    /// <param name="userAccessToken">The user's access token.</param>
    /// <param name="deviceDetails">The device's details.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyCreatedDevice>> CreateDeviceAsync(string userAccessToken, KandyDeviceDetails deviceDetails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceDetails);
        return KandyTransport.SendAsync<KandyCreatedDevice>(http, HttpMethod.Post, "users/devices", [("key", userAccessToken)], deviceDetails, cancellationToken);
    }

    /// <summary><c>delete_device</c>: deletes one of the user's devices (sent with DELETE, not the Python wrapper's GET).</summary>
    /// <param name="userAccessToken">The user's access token.</param>
    /// <param name="deviceId">The device's id, as <see cref="CreateDeviceAsync"/> answered it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse> DeleteDeviceAsync(string userAccessToken, string deviceId, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync(http, HttpMethod.Delete, "users/devices", [("key", userAccessToken), ("device_id", deviceId)], cancellationToken);

    /// <summary><c>get_devices</c>: the user's devices.</summary>
    /// <param name="userAccessToken">The user's access token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyDeviceList>> GetDevicesAsync(string userAccessToken, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyDeviceList>(http, HttpMethod.Get, "users/devices", [("key", userAccessToken)], null, cancellationToken);
}
