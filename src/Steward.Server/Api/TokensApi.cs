using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Access tokens seen from the native API: mint one for a user, read or revoke the caller's own.</summary>
public static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tokens").WithTags("Tokens");
        group.MapPost("/", Mint).WithName("MintToken")
            .WithSummary("Mint an access token for a user the caller manages (or the caller itself).")
            .Accepts<MintTokenRequest>("application/json");
        group.MapGet("/current", Current).WithName("CurrentToken").WithSummary("Describe the caller's own token.");
        group.MapDelete("/current", RevokeCurrent).WithName("RevokeCurrentToken").WithSummary("Revoke the caller's own token (sign out).");
        return group;
    }

    private static async Task<Results<Created<TokenResource>, ProblemHttpResult>> Mint(HttpContext http, TokenService tokens, TimeProvider time)
    {
        var body = await JsonBody.ReadAsync<MintTokenRequest>(http.Request, StewardJson.Options);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error!);
        }

        if (string.IsNullOrEmpty(body.Value.UserId))
        {
            return Problems.From(Error.Invalid("user_id", "user_id is required."));
        }

        var user = Http.OptionalId<User>(body.Value.UserId, "user_id");
        if (!user.IsSuccess)
        {
            return Problems.From(user.Error!);
        }

        var issued = await tokens.IssueForUserAsync(http.GetPrincipal(), user.Value!.Value, http.RequestAborted);
        if (!issued.IsSuccess)
        {
            return Problems.From(issued.Error!);
        }

        var t = issued.Value;
        return TypedResults.Created("/api/v1/tokens/current", new TokenResource(t.AccessToken, "Bearer", ExpiresIn(t.ExpiresAt, time), t.ExpiresAt));
    }

    private static Ok<CurrentTokenResource> Current(HttpContext http)
    {
        var p = http.GetPrincipal();
        return TypedResults.Ok(new CurrentTokenResource(
            "token-" + p.TokenId.ToString("D"),
            p.Kind,
            p.ActorId,
            p.AccountId == Guid.Empty ? null : PublicId.Of<Account>(p.AccountId),
            p.OrganisationId == Guid.Empty ? null : PublicId.Of<Organisation>(p.OrganisationId),
            PublicId.Of<Credential>(p.CredentialId),
            p.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeCurrent(HttpContext http, TokenService tokens)
    {
        var token = NativeBearer.PresentedToken(http.Request);
        return Http.NoContent(await tokens.RevokeAsync(http.GetPrincipal(), token, http.RequestAborted));
    }

    internal static int ExpiresIn(DateTimeOffset expiresAt, TimeProvider time) =>
        (int)Math.Max(0, Math.Round((expiresAt - time.GetUtcNow()).TotalSeconds));

    public sealed record CurrentTokenResource(string TokenId, Core.Access.PrincipalKind Kind, string Subject, string? AccountId, string? OrganisationId, string CredentialId, DateTimeOffset ExpiresAt);
}
