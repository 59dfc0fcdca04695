using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Ids;
using Steward.Core.Results;

namespace Steward.Server.Api;

/// <summary>Small helpers shared by the native endpoint files: ids, ETags, and result mapping.</summary>
public static class Http
{
    /// <summary>Parses an optional id given in a body or query field.</summary>
    public static Result<Guid?> OptionalId<TEntity>(string? text, string field)
        where TEntity : IPublicEntity
    {
        var kind = TEntity.IdPrefix;
        if (string.IsNullOrEmpty(text))
        {
            return (Guid?)null;
        }

        return PublicId.TryParse(kind, text, out var id)
            ? (Guid?)id
            : Error.Invalid(field, $"{field} must be an id such as {kind}-0190f6f4-7b2a-7cc1-8a4e-9d8f3b1c2a10.");
    }

    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Reads <c>If-Match</c>: absent or <c>*</c> means any version; otherwise the ETag of a version.</summary>
    public static Result<int?> IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return (int?)null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return value.Length > 2 && value[0] == '"' && value[^1] == '"' && int.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (int?)version
            : Error.Invalid("If-Match", "If-Match must be an ETag this API returned, such as \"3\".");
    }

    public static Results<Ok<T>, ProblemHttpResult> Ok<TIn, T>(Result<TIn> result, Func<TIn, T> map) =>
        result.IsSuccess ? TypedResults.Ok(map(result.Value)) : Problems.From(result.Error!);

    /// <summary>200 with the resource and its ETag.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Tagged<TIn, T>(HttpContext http, Result<TIn> result, Func<TIn, T> map, Func<TIn, int> version)
    {
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        http.Response.Headers.ETag = ETag(version(result.Value));
        return TypedResults.Ok(map(result.Value));
    }

    public static Results<Created<T>, ProblemHttpResult> Created<TIn, T>(HttpContext http, Result<TIn> result, Func<TIn, T> map, Func<T, string> location, Func<TIn, int>? version = null)
    {
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        var body = map(result.Value);
        if (version is not null)
        {
            http.Response.Headers.ETag = ETag(version(result.Value));
        }

        return TypedResults.Created(location(body), body);
    }

    public static Results<NoContent, ProblemHttpResult> NoContent<TIn>(Result<TIn> result) =>
        result.IsSuccess ? TypedResults.NoContent() : Problems.From(result.Error!);

    public static Results<Ok<Wire.ItemList<T>>, ProblemHttpResult> Page<TIn, T>(Result<Core.Storage.Page<TIn>> result, Func<TIn, T> map) =>
        result.IsSuccess
            ? TypedResults.Ok(new Wire.ItemList<T>(result.Value.Items.Select(map).ToList(), result.Value.NextCursor))
            : Problems.From(result.Error!);
}
