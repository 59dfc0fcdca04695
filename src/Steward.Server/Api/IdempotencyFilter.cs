using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Steward.Core.Idempotency;
using Steward.Core.Results;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first request with a key runs and its answer is kept for a
/// day; a retry with the same key and body gets the same answer without running again; the same key
/// with another body is refused (422); a retry while the first is still running gets 409.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store) : IEndpointFilter
{
    private const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(http.Request.Method) || key.Length == 0)
        {
            return await next(context);
        }

        if (key.Length > 200)
        {
            return Problems.From(Error.Invalid(Header, "Idempotency-Key must be at most 200 characters."));
        }

        // Read the body once to fingerprint it, then let the handler read it again. A body the handler would
        // refuse (too large, unreadable) is refused here, as the handler would, before a key is taken: it is
        // the client's error, not a failure to log and to store.
        var read = await ReadBodyAsync(http);
        if (!read.IsSuccess)
        {
            return Problems.From(read.Error!);
        }

        var body = read.Value;
        var principal = http.GetPrincipal();
        var hash = IdempotencyStore.HashRequest(http.Request.Method, http.Request.Path, body);
        var outcome = await store.BeginAsync(principal, key, hash, http.RequestAborted);
        switch (outcome.Decision)
        {
            case IdempotencyDecision.Replay:
                var stored = outcome.Stored!;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                if (stored.Location is not null)
                {
                    http.Response.Headers.Location = stored.Location;
                }

                return Results.Content(stored.Body ?? "", stored.ContentType, Encoding.UTF8, stored.StatusCode);
            case IdempotencyDecision.Mismatch:
                return TypedResults.Problem(
                    detail: "This Idempotency-Key was already used with a different request; use a new key.",
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key reused.");
            case IdempotencyDecision.InProgress:
                return Problems.From(Error.Conflict("A request with this Idempotency-Key is still being processed; retry later."));
        }

        // Run the request and its result into a buffer, so its exact answer can be stored and replayed.
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        try
        {
            var result = await next(context);
            if (result is not IResult executable)
            {
                await store.CompleteAsync(principal, key, StatusCodes.Status500InternalServerError, null, null, null);
                return result;
            }

            http.Response.Body = captured;
            await executable.ExecuteAsync(http);
        }
        catch
        {
            // Nothing to replay: release the key so that a retry runs the request again.
            await store.CompleteAsync(principal, key, StatusCodes.Status500InternalServerError, null, null, null);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }

        var text = Encoding.UTF8.GetString(captured.ToArray());
        await store.CompleteAsync(principal, key, http.Response.StatusCode, http.Response.ContentType, text, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null);
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
        return EmptyHttpResult.Instance;
    }

    /// <summary>
    /// The body, rewound for the handler: at most <see cref="JsonBody.MaxBytes"/>, or the endpoint's own
    /// raised limit (a batch of charges, an asset's content).
    /// </summary>
    private static async Task<Result<byte[]>> ReadBodyAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? JsonBody.MaxBytes;
        if (http.Request.ContentLength > limit)
        {
            return JsonBody.TooLarge(limit);
        }

        http.Request.EnableBuffering();
        try
        {
            using var memory = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (memory.Length + read > limit)
                {
                    return JsonBody.TooLarge(limit);
                }

                memory.Write(chunk, 0, read);
            }

            http.Request.Body.Position = 0;
            return memory.ToArray();
        }
        catch (Exception ex) when (JsonBody.UnreadableBody(ex) is { } unreadable)
        {
            return unreadable;
        }
    }
}
