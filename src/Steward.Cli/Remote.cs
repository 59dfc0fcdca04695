using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Steward.Client;

namespace Steward.Cli;

/// <summary>
/// Talking to a running server (<c>--url</c>): how to authenticate (<c>--token</c>, or <c>--api-key</c> and
/// <c>--api-secret</c> exchanged at <c>/oauth/token</c>), and how its answers become output and exit codes.
/// </summary>
internal sealed class Remote
{
    public Option<string?> Url { get; } = new("--url") { Description = "Ask a running Steward server at this address instead of the database." };

    public Option<string?> Token { get; } = new("--token") { Description = "With --url: a bearer token (or set STEWARD_TOKEN)." };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "An API key (or set STEWARD_API_KEY)." };

    public Option<string?> ApiSecret { get; } = new("--api-secret") { Description = "Its secret (or set STEWARD_API_SECRET)." };

    /// <summary>The API key and secret given as options or in the environment.</summary>
    public (string Key, string Secret) Credential(CliContext cli, ParseResult parse)
    {
        var configuration = cli.ConfigurationFor(parse);
        var key = parse.GetValue(ApiKey) ?? configuration["STEWARD_API_KEY"];
        var secret = parse.GetValue(ApiSecret) ?? configuration["STEWARD_API_SECRET"];
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            throw new CliException(ExitCodes.Usage, "Give --api-key and --api-secret (or STEWARD_API_KEY and STEWARD_API_SECRET).");
        }

        return (key, secret);
    }

    /// <summary>POST /oauth/token on the server.</summary>
    public static Task<TokenGrant> TokenAsync(HttpClient http, string key, string secret, CancellationToken ct) =>
        CallAsync(() => StewardClient.GetTokenAsync(http, key, secret, ct));

    /// <summary>The bearer token for a call: --token, STEWARD_TOKEN, or one fetched with the API key and secret.</summary>
    public async Task<string> BearerAsync(CliContext cli, ParseResult parse, HttpClient http, CancellationToken ct)
    {
        var token = parse.GetValue(Token) ?? cli.ConfigurationFor(parse)["STEWARD_TOKEN"];
        if (!string.IsNullOrEmpty(token))
        {
            return token;
        }

        var (key, secret) = Credential(cli, parse);
        return (await TokenAsync(http, key, secret, ct)).AccessToken;
    }

    /// <summary>GET a native API resource and read it as <typeparamref name="T"/>.</summary>
    public static Task<T> GetAsync<T>(HttpClient http, string bearer, string path, CancellationToken ct) => CallAsync(async () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            Problem? problem = null;
            try
            {
                problem = JsonSerializer.Deserialize<Problem>(body, CliJson.Options);
            }
            catch (JsonException)
            {
                // Not a problem document (a proxy's page): the status says enough.
            }

            throw new StewardApiException(response.StatusCode, problem, body);
        }

        return JsonSerializer.Deserialize<T>(body, CliJson.Options)!;
    });

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StewardApiException ex)
        {
            throw new CliException(ExitCodeOf(ex.Status), $"The server answered {(int)ex.Status}: {ex.Problem?.Detail ?? ex.Problem?.Title ?? ex.Status.ToString()}");
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.Failure, $"Could not reach the server: {ex.Message}");
        }
    }

    private static int ExitCodeOf(HttpStatusCode status) => (int)status switch
    {
        400 or 413 or 422 => ExitCodes.Usage,
        404 => ExitCodes.NotFound,
        401 or 403 or 409 or 412 => ExitCodes.Refused,
        _ => ExitCodes.Failure,
    };
}
