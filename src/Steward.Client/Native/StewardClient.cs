namespace Steward.Client;

/// <summary>
/// A typed client for Steward's native API (<c>/api/v1</c>). Create it with <see cref="ConnectAsync"/>
/// (exchanges an API key and secret for a token) or with a token you already hold, then call an area's
/// sub-client: <c>await steward.Users.CreateAsync(...)</c>.
/// </summary>
/// <remarks>
/// Each area of the API has its own small sub-client; they share this client's token and connection.
/// A new area is one sub-client class (an internal constructor taking the shared transport, one
/// method per call) and one property line here.
/// </remarks>
public sealed class StewardClient
{
    private readonly NativeTransport transport;

    /// <summary>Uses <paramref name="http"/> (its base address is the Steward server) with a bearer token.</summary>
    /// <param name="http">The HTTP client; it is not disposed by this object.</param>
    /// <param name="accessToken">The bearer token sent with every call.</param>
    public StewardClient(HttpClient http, string accessToken)
    {
        transport = new NativeTransport(http, accessToken);
    }

    /// <summary>The bearer token sent with every call; setting it changes the token of every sub-client.</summary>
    public string AccessToken
    {
        get => transport.AccessToken;
        set => transport.AccessToken = value;
    }

    /// <summary>Accounts (tenants): <c>/api/v1/accounts</c>.</summary>
    public AccountsClient Accounts => field ??= new(transport);

    /// <summary>Organisations of the caller's account: <c>/api/v1/organisations</c>.</summary>
    public OrganisationsClient Organisations => field ??= new(transport);

    /// <summary>Billing units of an organisation: <c>/api/v1/organisations/{id}/units</c>.</summary>
    public UnitsClient Units => field ??= new(transport);

    /// <summary>Users: <c>/api/v1/users</c>.</summary>
    public UsersClient Users => field ??= new(transport);

    /// <summary>Users' roles in organisations: <c>/api/v1/organisations/{id}/memberships</c>.</summary>
    public MembershipsClient Memberships => field ??= new(transport);

    /// <summary>Users' devices: <c>/api/v1/users/{id}/devices</c>.</summary>
    public DevicesClient Devices => field ??= new(transport);

    /// <summary>API credentials (keys and secrets): <c>/api/v1/credentials</c>.</summary>
    public CredentialsClient Credentials => field ??= new(transport);

    /// <summary>The event log: <c>/api/v1/events</c>.</summary>
    public EventsClient Events => field ??= new(transport);

    /// <summary>Product types: <c>/api/v1/product-types</c>.</summary>
    public ProductTypesClient ProductTypes => field ??= new(transport);

    /// <summary>Plans of the account's catalog: <c>/api/v1/plans</c>.</summary>
    public PlansClient Plans => field ??= new(transport);

    /// <summary>Users' subscriptions: <c>/api/v1/users/{id}/subscriptions</c> and <c>/api/v1/subscriptions</c>.</summary>
    public SubscriptionsClient Subscriptions => field ??= new(transport);

    /// <summary>Webhook endpoints, their delivery log and dead letters: <c>/api/v1/webhooks</c>.</summary>
    public WebhooksClient Webhooks => field ??= new(transport);

    /// <summary>Merchants, the services that post charges: <c>/api/v1/merchants</c>.</summary>
    public MerchantsClient Merchants => field ??= new(transport);

    /// <summary>Products in units, with their coins: <c>/api/v1/products</c>.</summary>
    public ProductsClient Products => field ??= new(transport);

    /// <summary>The ledger: posting and reading charges, <c>/api/v1/charges</c>.</summary>
    public ChargesClient Charges => field ??= new(transport);

    /// <summary>Assets (scoped configuration and secrets) and the merchants they are attached to: <c>/api/v1/assets</c>.</summary>
    public AssetsClient Assets => field ??= new(transport);

    /// <summary>The spend check: reserving coins of products, settling and releasing them.</summary>
    public ReservationsClient Reservations => field ??= new(transport);

    /// <summary>Exchanges an API key and secret for a token (OAuth client_credentials) and returns a client using it.</summary>
    /// <param name="http">The HTTP client, whose base address is the Steward server; it is not disposed by the client.</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="apiSecret">The API secret.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<StewardClient> ConnectAsync(HttpClient http, string apiKey, string apiSecret, CancellationToken ct = default)
    {
        var token = await GetTokenAsync(http, apiKey, apiSecret, ct);
        return new StewardClient(http, token.AccessToken);
    }

    /// <summary><c>POST /oauth/token</c> with grant_type=client_credentials.</summary>
    /// <param name="http">The HTTP client, whose base address is the Steward server.</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="apiSecret">The API secret.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<TokenGrant> GetTokenAsync(HttpClient http, string apiKey, string apiSecret, CancellationToken ct = default)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = apiKey,
            ["client_secret"] = apiSecret,
        });
        using var response = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), form, ct);
        return await NativeTransport.ReadAsync<TokenGrant>(response, ct);
    }
}
