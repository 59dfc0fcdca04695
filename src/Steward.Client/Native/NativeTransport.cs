using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Steward.Client;

/// <summary>
/// Sends native API calls for every sub-client of one <see cref="StewardClient"/>: the bearer token,
/// If-Match, the JSON body, and turning an error answer into a <see cref="StewardApiException"/>.
/// </summary>
internal sealed class NativeTransport(HttpClient http, string accessToken)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The bearer token sent with every call; <see cref="StewardClient.AccessToken"/> reads and sets it.</summary>
    public string AccessToken { get; set; } = accessToken;

    /// <summary>Sends a call and reads its answer as <typeparamref name="T"/>.</summary>
    public Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, int? ifMatchVersion = null) =>
        SendContentAsync<T>(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: Json), ct, ifMatchVersion);

    /// <summary>Sends a call with a body already made (a multipart form, say) and reads its answer as <typeparamref name="T"/>.</summary>
    public async Task<T> SendContentAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct, int? ifMatchVersion = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (ifMatchVersion is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"" + version.ToString(CultureInfo.InvariantCulture) + "\""));
        }

        request.Content = content;
        using var response = await http.SendAsync(request, ct);
        return await ReadAsync<T>(response, ct);
    }

    /// <summary>Sends a call whose answer has no body worth reading (a delete, say).</summary>
    public Task SendAsync(HttpMethod method, string path, CancellationToken ct) =>
        SendAsync<object>(method, path, null, ct);

    /// <summary>Reads an answer, throwing <see cref="StewardApiException"/> when it is an error.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
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

    /// <summary>A path segment, escaped.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>
    /// A query string (with its leading <c>?</c>, or empty) of the parameters that have a value, in order.
    /// </summary>
    public static string Query(params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var parts = new List<string>();
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>A number as a query value, or null (left out) when there is none.</summary>
    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
