namespace Steward.Client.Kandy;

/// <summary>
/// Domain-level Kandy calls (seed 001, "Domain"): domain access tokens and user management.
/// The <see cref="HttpClient"/>'s base address is the Steward server (ending with '/').
/// </summary>
public sealed class KandyDomain
{
    private readonly HttpClient http;

    /// <summary>Creates the client over an <see cref="HttpClient"/> whose base address is the Steward server.</summary>
    /// <param name="http">The HTTP client; it is not disposed by this object.</param>
    public KandyDomain(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
    }

    /// <summary><c>get_domain_access_token</c>: a domain access token for the domain's API key and secret.</summary>
    /// <param name="domainApiKey">The domain's API key (<c>DAK…</c>).</param>
    /// <param name="domainApiSecret">The domain's API secret.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyDomainAccessToken>> GetDomainAccessTokenAsync(string domainApiKey, string domainApiSecret, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyDomainAccessToken>(http, HttpMethod.Get, "domains/accesstokens", [("key", domainApiKey), ("domain_api_secret", domainApiSecret)], null, cancellationToken);

    /// <summary><c>delete_domain_access_token</c>: revokes a domain access token at once.</summary>
    /// <param name="domainApiKey">The domain's API key.</param>
    /// <param name="domainApiSecret">The domain's API secret.</param>
    /// <param name="domainAccessToken">The token to revoke.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse> DeleteDomainAccessTokenAsync(string domainApiKey, string domainApiSecret, string domainAccessToken, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync(http, HttpMethod.Delete, "domains/accesstokens", [("key", domainApiKey), ("domain_api_secret", domainApiSecret), ("domain_access_token", domainAccessToken)], cancellationToken);

    /// <summary><c>get_limited_domain_detail</c>: the domain, checked with its key, secret and one of its access tokens.</summary>
    /// <param name="domainApiKey">The domain's API key.</param>
    /// <param name="domainApiSecret">The domain's API secret.</param>
    /// <param name="domainAccessToken">A domain access token of the same domain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyDomainDetail>> GetLimitedDomainDetailAsync(string domainApiKey, string domainApiSecret, string domainAccessToken, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyDomainDetail>(http, HttpMethod.Get, "accounts/domains/details", [("key", domainApiKey), ("domain_api_secret", domainApiSecret), ("domain_access_token", domainAccessToken)], null, cancellationToken);

    /// <summary><c>create_user_by_phone_number</c>: creates a user whose id is the calling code and the number (US 3524096582 → 13524096582).</summary>
    /// <param name="domainAccessToken">A domain access token.</param>
    /// <param name="userDetails">At least <see cref="KandyUserDetails.UserPhoneNumber"/> and <see cref="KandyUserDetails.UserCountryCode"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyCreatedUser>> CreateUserByPhoneNumberAsync(string domainAccessToken, KandyUserDetails userDetails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userDetails);
        return KandyTransport.SendAsync<KandyCreatedUser>(http, HttpMethod.Post, "domains/users/phone_number", [("key", domainAccessToken)], userDetails, cancellationToken);
    }

    /// <summary><c>create_user_by_user_id</c>: creates a user with the given id, unique within the domain.</summary>
    /// <param name="domainAccessToken">A domain access token.</param>
    /// <param name="userDetails">At least <see cref="KandyUserDetails.UserId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyCreatedUser>> CreateUserByUserIdAsync(string domainAccessToken, KandyUserDetails userDetails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userDetails);
        return KandyTransport.SendAsync<KandyCreatedUser>(http, HttpMethod.Post, "domains/users/user_id", [("key", domainAccessToken)], userDetails, cancellationToken);
    }

    /// <summary><c>delete_user</c>: a user deletes itself with its API key (sent with DELETE, not the Python wrapper's GET).</summary>
    /// <param name="userApiKey">The user's API key (<c>UAK…</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse> DeleteUserAsync(string userApiKey, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync(http, HttpMethod.Delete, "domains/users", [("key", userApiKey)], cancellationToken);

    /// <summary><c>delete_user</c> by a domain: deletes the domain's user <paramref name="userId"/>.</summary>
    /// <param name="domainAccessToken">A domain access token.</param>
    /// <param name="userId">The user id within the domain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse> DeleteUserByIdAsync(string domainAccessToken, string userId, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync(http, HttpMethod.Delete, "domains/users", [("key", domainAccessToken), ("user_id", userId)], cancellationToken);

    /// <summary><c>get_users</c>: the domain's users, with their API keys and secrets.</summary>
    /// <param name="domainAccessToken">A domain access token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyUserList>> GetUsersAsync(string domainAccessToken, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyUserList>(http, HttpMethod.Get, "domains/users", [("key", domainAccessToken)], null, cancellationToken);

    /// <summary><c>get_user_details</c>: the one user of a user access token, as its domain sees it.</summary>
    /// <param name="domainAccessToken">A domain access token of the user's domain.</param>
    /// <param name="userAccessToken">The user's access token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyUserList>> GetUserDetailsAsync(string domainAccessToken, string userAccessToken, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyUserList>(http, HttpMethod.Get, "domains/users/details", [("key", domainAccessToken), ("user_access_token", userAccessToken)], null, cancellationToken);
}
