using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Security;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>API keys and secrets of accounts, organisations and users. Secrets are shown once, at creation or rotation.</summary>
public static class CredentialsApi
{
    public static RouteGroupBuilder MapCredentialsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/credentials").WithTags("Credentials");
        group.MapPost("/", Create).WithName("CreateCredential")
            .WithSummary("Create a credential for owner_id (an account, organisation or user; default the caller); the secret is shown once.")
            .Accepts<CredentialRequest>("application/json");
        group.MapGet("/", List).WithName("ListCredentials").WithSummary("List the active credentials of owner_id (default the caller), without secrets.");
        group.MapGet("/{id}", Get).WithName("GetCredential").WithSummary("Read a credential, without its secret.");
        group.MapPost("/{id}/rotate", Rotate).WithName("RotateCredential")
            .WithSummary("Replace a credential's secret (the key stays); tokens issued with the old secret stop working at once.");
        group.MapDelete("/{id}", Revoke).WithName("RevokeCredential").WithSummary("Revoke a credential and every token issued with it, at once.");
        return group;
    }

    private static async Task<Results<Created<IssuedCredentialResource>, ProblemHttpResult>> Create(HttpContext http, CredentialService credentials)
    {
        var body = await JsonBody.ReadAsync<CredentialRequest>(http.Request, StewardJson.Options, allowEmpty: true);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error!);
        }

        var result = await credentials.CreateAsync(http.GetPrincipal(), body.Value.OwnerId, body.Value.Label, http.RequestAborted);
        return Http.Created(http, result, IssuedCredentialResource.From, c => "/api/v1/credentials/" + c.Id);
    }

    private static async Task<Results<Ok<ItemList<CredentialResource>>, ProblemHttpResult>> List(HttpContext http, CredentialService credentials, [FromQuery(Name = "owner_id")] string? ownerId)
    {
        var result = await credentials.ListAsync(http.GetPrincipal(), ownerId, http.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Ok(new ItemList<CredentialResource>(result.Value.Select(CredentialResource.From).ToList(), null))
            : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<CredentialResource>, ProblemHttpResult>> Get(HttpContext http, CredentialService credentials, Id<Credential> id)
    {
        return Http.Ok(await credentials.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), CredentialResource.From);
    }

    private static async Task<Results<Ok<IssuedCredentialResource>, ProblemHttpResult>> Rotate(HttpContext http, CredentialService credentials, Id<Credential> id)
    {
        return Http.Ok(await credentials.RotateAsync(http.GetPrincipal(), id.Value, http.RequestAborted), IssuedCredentialResource.From);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(HttpContext http, CredentialService credentials, Id<Credential> id)
    {
        return Http.NoContent(await credentials.RevokeAsync(http.GetPrincipal(), id.Value, http.RequestAborted));
    }
}
