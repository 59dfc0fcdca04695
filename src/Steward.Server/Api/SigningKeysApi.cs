using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Realms;
using Steward.Server.Auth;

namespace Steward.Server.Api;

/// <summary>The realms' signing keys (root only): rotate them at once, ahead of <c>Steward:Realms:KeyRotationDays</c>.</summary>
public static class SigningKeysApi
{
    public static RouteGroupBuilder MapSigningKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/signing-keys").WithTags("Signing keys");
        group.MapPost("/rotate", Rotate).WithName("RotateSigningKeys")
            .WithSummary("Sign realm tokens with a new key from now on; the old key stays published until its tokens expire (root only).");
        return group;
    }

    private static async Task<Results<Ok<SigningKeysResource>, ProblemHttpResult>> Rotate(HttpContext http, RealmKeys keys)
    {
        var rotated = await keys.RotateAsync(http.GetPrincipal(), http.RequestAborted);
        if (!rotated.IsSuccess)
        {
            return Problems.From(rotated.Error!);
        }

        var set = rotated.Value;
        return TypedResults.Ok(new SigningKeysResource(
            set.Active.KeyId,
            [.. set.Published.Select(k => new SigningKeyResource(k.KeyId, k.CreatedAt, k.RetiredAt))]));
    }

    public sealed record SigningKeysResource(string ActiveKeyId, IReadOnlyList<SigningKeyResource> Published);

    public sealed record SigningKeyResource(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);
}
