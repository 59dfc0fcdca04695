using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Client.Kandy;

/// <summary>Sends one Kandy call and reads its envelope, whatever the HTTP status.</summary>
internal static class KandyTransport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<KandyResponse<T>> SendAsync<T>(
        HttpClient http, HttpMethod method, string path, IEnumerable<(string Name, string? Value)> query, object? body, CancellationToken ct)
        where T : class
    {
        var (status, json) = await SendRawAsync(http, method, path, query, body, ct);
        var response = Read<KandyResponse<T>>(json, status);
        return response with { HttpStatus = status };
    }

    public static async Task<KandyResponse> SendAsync(
        HttpClient http, HttpMethod method, string path, IEnumerable<(string Name, string? Value)> query, CancellationToken ct)
    {
        var (status, json) = await SendRawAsync(http, method, path, query, null, ct);
        var response = Read<KandyResponse>(json, status);
        return response with { HttpStatus = status };
    }

    private static async Task<(System.Net.HttpStatusCode Status, string Json)> SendRawAsync(
        HttpClient http, HttpMethod method, string path, IEnumerable<(string Name, string? Value)> query, object? body, CancellationToken ct)
    {
        // Relative to the client's base address (which should end with '/'), so Steward may live under a path prefix.
        var url = new StringBuilder("v1.2/").Append(path);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        using var request = new HttpRequestMessage(method, new Uri(url.ToString(), UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Options);
        }

        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var json = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return (response.StatusCode, json);
    }

    private static TResponse Read<TResponse>(string json, System.Net.HttpStatusCode status)
        where TResponse : KandyResponse
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out var code) && code.ValueKind == JsonValueKind.Number)
            {
                return document.RootElement.Deserialize<TResponse>(Options)!;
            }
        }
        catch (JsonException)
        {
            // Not JSON: reported below.
        }

        throw new HttpRequestException($"The server answered HTTP {(int)status} without a Kandy envelope; is the client's base address a Steward server?", null, status);
    }
}
