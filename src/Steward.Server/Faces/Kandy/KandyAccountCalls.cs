using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>The Kandy account calls: account access tokens and domain management (seed 000).</summary>
public static partial class KandyApi
{

    private static async Task<IResult> GetAccountAccessToken(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "account_api_secret")] string? secret,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("account_api_secret", secret)) is { } missing)
        {
            return missing;
        }

        return await IssueAsync(core, key!, secret!, PrincipalKind.Account, "account_api_secret", t => new KandyAccountAccessToken(t), ct);
    }

    private static async Task<IResult> DeleteAccountAccessToken(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "account_api_secret")] string? secret,
        [FromQuery(Name = "account_access_token")] string? token,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("account_api_secret", secret), ("account_access_token", token)) is { } missing)
        {
            return missing;
        }

        return await RevokeAsync(core, key!, secret!, token!, PrincipalKind.Account, "account_api_secret", "account_access_token", ct);
    }

    private static async Task<IResult> CreateDomain(
        [AsParameters] KandyCore core,
        HttpRequest request,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (!TryAuthenticate(core, key, PrincipalKind.Account, out var caller, out var refusal))
        {
            return refusal;
        }

        var body = await JsonBody.ReadAsync<KandyDomainRequest>(request, KandyWire.Options);
        if (!body.IsSuccess)
        {
            return KandyResults.From(body.Error!);
        }

        if (Missing(("domain_name", body.Value.DomainName)) is { } missingField)
        {
            return missingField;
        }

        // Domain names are DNS names: compared and kept in lower case, as organisation name and domain name alike.
        var domainName = body.Value.DomainName!.Trim().ToLowerInvariant();
        var created = await core.Organisations.CreateAsync(caller, new OrganisationInput(domainName, domainName, body.Value.ProjectName), ct);
        if (!created.IsSuccess)
        {
            return KandyResults.From(created.Error!, DomainFields);
        }

        var domains = await KandyViews.DomainsAsync(core, caller, [created.Value.Organisation], ct);
        return domains.IsSuccess ? KandyResults.Ok(domains.Value[0]) : KandyResults.From(domains.Error!);
    }

    private static async Task<IResult> DeleteDomain(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "domain_api_key")] string? domainKey,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("domain_api_key", domainKey)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Account);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var domain = await core.Credentials.FindAsync(domainKey!.Trim(), ct);
        if (domain is null || domain.Revoked || domain.OwnerKind != PrincipalKind.Organisation)
        {
            return KandyResults.From(Error.NotFound("Domain"));
        }

        var deleted = await core.Organisations.DeleteAsync(caller.Value, domain.OwnerId, ct);
        return deleted.IsSuccess ? KandyResults.Done(DomainDeleted) : KandyResults.From(deleted.Error!);
    }

    private static async Task<IResult> GetDomains(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (!TryAuthenticate(core, key, PrincipalKind.Account, out var caller, out var refusal))
        {
            return refusal;
        }

        var organisations = await AllAsync<Organisation>((cursor, c) => core.Organisations.ListAsync(caller, Paging.MaxLimit, cursor, c), ct);
        if (!organisations.IsSuccess)
        {
            return KandyResults.From(organisations.Error!);
        }

        var domains = await KandyViews.DomainsAsync(core, caller, organisations.Value, ct);
        return domains.IsSuccess ? KandyResults.Ok(new KandyDomainList(domains.Value)) : KandyResults.From(domains.Error!);
    }
}
