using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Steward.Client;

/// <summary>
/// A typed client for Steward's native API (<c>/api/v1</c>). Create it with <see cref="ConnectAsync"/>
/// (exchanges an API key and secret for a token) or with a token you already hold.
/// </summary>
public sealed class StewardClient
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient http;

    /// <summary>Uses <paramref name="http"/> (its base address is the Steward server) with a bearer token.</summary>
    public StewardClient(HttpClient http, string accessToken)
    {
        this.http = http;
        AccessToken = accessToken;
    }

    /// <summary>The bearer token sent with every call.</summary>
    public string AccessToken { get; set; }

    /// <summary>Exchanges an API key and secret for a token (OAuth client_credentials) and returns a client using it.</summary>
    public static async Task<StewardClient> ConnectAsync(HttpClient http, string apiKey, string apiSecret, CancellationToken ct = default)
    {
        var token = await GetTokenAsync(http, apiKey, apiSecret, ct);
        return new StewardClient(http, token.AccessToken);
    }

    /// <summary><c>POST /oauth/token</c> with grant_type=client_credentials.</summary>
    public static async Task<TokenGrant> GetTokenAsync(HttpClient http, string apiKey, string apiSecret, CancellationToken ct = default)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = apiKey,
            ["client_secret"] = apiSecret,
        });
        using var response = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), form, ct);
        return await ReadAsync<TokenGrant>(response, ct);
    }

    /// <summary>Creates an account (root only).</summary>
    public Task<CreatedAccount> CreateAccountAsync(string name, string email, CancellationToken ct = default) =>
        SendAsync<CreatedAccount>(HttpMethod.Post, "/api/v1/accounts", new { name, email }, ct);

    /// <summary>Reads an account.</summary>
    public Task<Account> GetAccountAsync(string id, CancellationToken ct = default) =>
        SendAsync<Account>(HttpMethod.Get, "/api/v1/accounts/" + Uri.EscapeDataString(id), null, ct);

    /// <summary>Lists accounts.</summary>
    public Task<ItemList<Account>> ListAccountsAsync(int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        SendAsync<ItemList<Account>>(HttpMethod.Get, "/api/v1/accounts" + Query(limit, cursor), null, ct);

    /// <summary>Deletes an account (root only).</summary>
    public Task DeleteAccountAsync(string id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, "/api/v1/accounts/" + Uri.EscapeDataString(id), null, ct);

    /// <summary>Creates an organisation in the caller's account.</summary>
    public Task<CreatedOrganisation> CreateOrganisationAsync(string name, string? domainName = null, string? description = null, CancellationToken ct = default) =>
        SendAsync<CreatedOrganisation>(HttpMethod.Post, "/api/v1/organisations", new { name, domain_name = domainName, description }, ct);

    /// <summary>Reads an organisation.</summary>
    public Task<Organisation> GetOrganisationAsync(string id, CancellationToken ct = default) =>
        SendAsync<Organisation>(HttpMethod.Get, "/api/v1/organisations/" + Uri.EscapeDataString(id), null, ct);

    /// <summary>Lists the organisations the caller can see.</summary>
    public Task<ItemList<Organisation>> ListOrganisationsAsync(int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        SendAsync<ItemList<Organisation>>(HttpMethod.Get, "/api/v1/organisations" + Query(limit, cursor), null, ct);

    /// <summary>Changes an organisation; with <paramref name="ifMatchVersion"/>, only if it is still at that version.</summary>
    public Task<Organisation> UpdateOrganisationAsync(string id, string? name = null, string? description = null, int? ifMatchVersion = null, CancellationToken ct = default) =>
        SendAsync<Organisation>(HttpMethod.Patch, "/api/v1/organisations/" + Uri.EscapeDataString(id), new { name, description }, ct, ifMatchVersion);

    /// <summary>Deletes an organisation.</summary>
    public Task DeleteOrganisationAsync(string id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, "/api/v1/organisations/" + Uri.EscapeDataString(id), null, ct);

    /// <summary>Creates a unit in an organisation.</summary>
    public Task<Unit> CreateUnitAsync(string organisationId, string name, int billingDay = 1, CancellationToken ct = default) =>
        SendAsync<Unit>(HttpMethod.Post, $"/api/v1/organisations/{Uri.EscapeDataString(organisationId)}/units", new { name, billing_day = billingDay }, ct);

    /// <summary>Lists an organisation's units.</summary>
    public Task<ItemList<Unit>> ListUnitsAsync(string organisationId, CancellationToken ct = default) =>
        SendAsync<ItemList<Unit>>(HttpMethod.Get, $"/api/v1/organisations/{Uri.EscapeDataString(organisationId)}/units", null, ct);

    /// <summary>Creates a user in the caller's account (or in <see cref="UserFields.OrganisationId"/>).</summary>
    public Task<CreatedUser> CreateUserAsync(UserFields user, CancellationToken ct = default) =>
        SendAsync<CreatedUser>(HttpMethod.Post, "/api/v1/users", user, ct);

    /// <summary>Reads a user.</summary>
    public Task<User> GetUserAsync(string id, CancellationToken ct = default) =>
        SendAsync<User>(HttpMethod.Get, "/api/v1/users/" + Uri.EscapeDataString(id), null, ct);

    /// <summary>Lists users, optionally of one organisation.</summary>
    public Task<ItemList<User>> ListUsersAsync(string? organisationId = null, int? limit = null, string? cursor = null, CancellationToken ct = default)
    {
        var query = Query(limit, cursor);
        if (organisationId is not null)
        {
            query += (query.Length == 0 ? "?" : "&") + "organisation_id=" + Uri.EscapeDataString(organisationId);
        }

        return SendAsync<ItemList<User>>(HttpMethod.Get, "/api/v1/users" + query, null, ct);
    }

    /// <summary>Changes a user.</summary>
    public Task<User> UpdateUserAsync(string id, UserFields changes, int? ifMatchVersion = null, CancellationToken ct = default) =>
        SendAsync<User>(HttpMethod.Patch, "/api/v1/users/" + Uri.EscapeDataString(id), changes, ct, ifMatchVersion);

    /// <summary>Deletes a user.</summary>
    public Task DeleteUserAsync(string id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, "/api/v1/users/" + Uri.EscapeDataString(id), null, ct);

    /// <summary>Gives a user a role (owner, admin, member) in an organisation.</summary>
    public Task<Membership> AddMembershipAsync(string organisationId, string userId, string role, CancellationToken ct = default) =>
        SendAsync<Membership>(HttpMethod.Post, $"/api/v1/organisations/{Uri.EscapeDataString(organisationId)}/memberships", new { user_id = userId, role }, ct);

    /// <summary>Lists an organisation's members.</summary>
    public Task<ItemList<Membership>> ListMembershipsAsync(string organisationId, CancellationToken ct = default) =>
        SendAsync<ItemList<Membership>>(HttpMethod.Get, $"/api/v1/organisations/{Uri.EscapeDataString(organisationId)}/memberships", null, ct);

    /// <summary>Registers a device for a user.</summary>
    public Task<Device> CreateDeviceAsync(string userId, string? nativeId, string? family, string? name, CancellationToken ct = default) =>
        SendAsync<Device>(HttpMethod.Post, $"/api/v1/users/{Uri.EscapeDataString(userId)}/devices", new { native_id = nativeId, family, name }, ct);

    /// <summary>Lists a user's devices.</summary>
    public Task<ItemList<Device>> ListDevicesAsync(string userId, CancellationToken ct = default) =>
        SendAsync<ItemList<Device>>(HttpMethod.Get, $"/api/v1/users/{Uri.EscapeDataString(userId)}/devices", null, ct);

    /// <summary>Creates a credential for an owner (default: the caller).</summary>
    public Task<IssuedCredential> CreateCredentialAsync(string? ownerId = null, string? label = null, CancellationToken ct = default) =>
        SendAsync<IssuedCredential>(HttpMethod.Post, "/api/v1/credentials", new { owner_id = ownerId, label }, ct);

    /// <summary>Replaces a credential's secret; tokens issued with the old one stop working.</summary>
    public Task<IssuedCredential> RotateCredentialAsync(string id, CancellationToken ct = default) =>
        SendAsync<IssuedCredential>(HttpMethod.Post, $"/api/v1/credentials/{Uri.EscapeDataString(id)}/rotate", null, ct);

    /// <summary>Revokes a credential and its tokens.</summary>
    public Task RevokeCredentialAsync(string id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, "/api/v1/credentials/" + Uri.EscapeDataString(id), null, ct);

    /// <summary>Reads events after a sequence number.</summary>
    public Task<EventPage> ListEventsAsync(long after = 0, int? limit = null, CancellationToken ct = default) =>
        SendAsync<EventPage>(HttpMethod.Get, $"/api/v1/events?after={after.ToString(CultureInfo.InvariantCulture)}" + (limit is { } l ? "&limit=" + l.ToString(CultureInfo.InvariantCulture) : ""), null, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, int? ifMatchVersion = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (ifMatchVersion is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"" + version.ToString(CultureInfo.InvariantCulture) + "\""));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await http.SendAsync(request, ct);
        return await ReadAsync<T>(response, ct);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            Problem? problem = null;
            try
            {
                problem = JsonSerializer.Deserialize<Problem>(text, Json);
            }
            catch (JsonException)
            {
                // Not a problem document (a proxy's error page, say): the raw body goes in the message.
            }

            throw new StewardApiException(response.StatusCode, problem, text);
        }

        return text.Length == 0 ? default! : JsonSerializer.Deserialize<T>(text, Json)!;
    }

    private static string Query(int? limit, string? cursor)
    {
        var parts = new List<string>();
        if (limit is { } l)
        {
            parts.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (cursor is not null)
        {
            parts.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
