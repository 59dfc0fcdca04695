namespace Steward.Client.Kandy;

/// <summary>
/// Account-level Kandy calls (seed 001, "Account"): account access tokens and domain management.
/// The <see cref="HttpClient"/>'s base address is the Steward server (ending with '/'); the calls
/// go to <c>v1.2/</c> under it.
/// </summary>
public sealed class KandyAccount
{
    private readonly HttpClient http;

    /// <summary>Creates the client over an <see cref="HttpClient"/> whose base address is the Steward server.</summary>
    /// <param name="http">The HTTP client; it is not disposed by this object.</param>
    public KandyAccount(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
    }

    /// <summary><c>get_account_access_token</c>: an account access token for the account's API key and secret.</summary>
    /// <param name="apiKey">The account's API key (<c>AAK…</c>).</param>
    /// <param name="apiSecret">The account's API secret.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyAccountAccessToken>> GetAccountAccessTokenAsync(string apiKey, string apiSecret, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyAccountAccessToken>(http, HttpMethod.Get, "accounts/accesstokens", [("key", apiKey), ("account_api_secret", apiSecret)], null, cancellationToken);

    /// <summary><c>delete_account_access_token</c>: revokes an account access token at once.</summary>
    /// <param name="apiKey">The account's API key.</param>
    /// <param name="apiSecret">The account's API secret.</param>
    /// <param name="accountAccessToken">The token to revoke.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse> DeleteAccountAccessTokenAsync(string apiKey, string apiSecret, string accountAccessToken, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync(http, HttpMethod.Delete, "accounts/accesstokens", [("key", apiKey), ("account_api_secret", apiSecret), ("account_access_token", accountAccessToken)], cancellationToken);

    /// <summary><c>create_domain</c>: creates a domain (an organisation) in the account.</summary>
    /// <param name="accountAccessToken">An account access token.</param>
    /// <param name="domainName">The domain name, unique on the server (for example <c>example.com</c>).</param>
    /// <param name="projectName">An optional human-readable description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyDomainInfo>> CreateDomainAsync(string accountAccessToken, string domainName, string? projectName = null, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyDomainInfo>(http, HttpMethod.Post, "accounts/domains", [("key", accountAccessToken)], new DomainBody(domainName, projectName), cancellationToken);

    /// <summary><c>delete_domain</c>: deletes a domain with its users; their keys and tokens stop working at once.</summary>
    /// <param name="accountAccessToken">An account access token.</param>
    /// <param name="domainApiKey">The API key of the domain to delete.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse> DeleteDomainAsync(string accountAccessToken, string domainApiKey, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync(http, HttpMethod.Delete, "accounts/domains", [("key", accountAccessToken), ("domain_api_key", domainApiKey)], cancellationToken);

    /// <summary><c>get_domains</c>: the account's domains, with their API keys and secrets.</summary>
    /// <param name="accountAccessToken">An account access token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<KandyResponse<KandyDomainList>> GetDomainsAsync(string accountAccessToken, CancellationToken cancellationToken = default) =>
        KandyTransport.SendAsync<KandyDomainList>(http, HttpMethod.Get, "accounts/domains", [("key", accountAccessToken)], null, cancellationToken);

    private sealed record DomainBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("domain_name")] string DomainName,
        [property: System.Text.Json.Serialization.JsonPropertyName("project_name")] string? ProjectName);
}
