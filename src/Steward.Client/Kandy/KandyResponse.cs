using System.Net;
using System.Text.Json.Serialization;

namespace Steward.Client.Kandy;

/// <summary>
/// What every Kandy call answers: <c>{"status": 0, "message": "success", "result": {...}}</c>. A
/// non-zero <see cref="Status"/> is an error and <see cref="Message"/> says what to fix; errors are
/// returned, not thrown, as the Python wrapper returned them.
/// </summary>
public record KandyResponse
{
    /// <summary>0 on success. Errors: 1 internal error, 2 invalid parameter, 3 missing parameters,
    /// 4 invalid, expired or revoked key or token, 5 forbidden, 6 not found, 7 already exists,
    /// 8 changed concurrently, 9 body too large.</summary>
    [JsonPropertyName("status")]
    public int Status { get; init; }

    /// <summary>"success", a delete's confirmation ("Domain Deleted"...), or what went wrong.</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    /// <summary>The HTTP status code of the answer (200 on success; 400, 401, 403, 404, 409, 413 on errors).</summary>
    [JsonIgnore]
    public HttpStatusCode HttpStatus { get; init; }

    /// <summary>True when <see cref="Status"/> is 0.</summary>
    [JsonIgnore]
    public bool IsSuccess => Status == 0;
}

/// <summary>A Kandy answer that carries a result (null when the call failed).</summary>
/// <typeparam name="T">The shape of <c>result</c>.</typeparam>
public sealed record KandyResponse<T> : KandyResponse
    where T : class
{
    /// <summary>The call's result; null on errors.</summary>
    [JsonPropertyName("result")]
    public T? Result { get; init; }
}
