using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>The Kandy account calls: account access tokens and domain management (seed 000).</summary>
public static partial class KandyApi
{
    private static IResult GetAccountAccessToken([AsParameters] KandyCore core, HttpContext http) =>
        Issue(core, http.GetPrincipal(), t => new KandyAccountAccessToken(t));

    private static Task<IResult> DeleteAccountAccessToken(
        [AsParameters] KandyCore core,
        HttpContext http,
        [FromQuery(Name = "account_access_token")] string? token,
        CancellationToken ct) =>
        RevokeAsync(core, http.GetPrincipal(), token!, "account_access_token", ct);

    private static async Task<IResult> CreateDomain(
        [AsParameters] KandyCore core,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var body = await JsonBody.ReadAsync<KandyDomainRequest>(http.Request, KandyWire.Options);
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
        HttpContext http,
        [FromQuery(Name = "domain_api_key")] string? domainKey,
        CancellationToken ct)
    {
        // Which domain: the one whose API key is named (a look-up, not an authentication).
        var domain = await core.Credentials.FindAsync(domainKey!.Trim(), ct);
        if (domain is null || domain.Revoked || domain.OwnerKind != PrincipalKind.Organisation)
        {
            return KandyResults.From(Error.NotFound("Domain"));
        }

        var deleted = await core.Organisations.DeleteAsync(http.GetPrincipal(), domain.OwnerId, ct);
        return deleted.IsSuccess ? KandyResults.Done(DomainDeleted) : KandyResults.From(deleted.Error!);
    }

    private static async Task<IResult> GetDomains(
        [AsParameters] KandyCore core,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var organisations = await AllAsync<Organisation>((cursor, c) => core.Organisations.ListAsync(caller, Paging.MaxLimit, cursor, c), ct);
        if (!organisations.IsSuccess)
        {
            return KandyResults.From(organisations.Error!);
        }

        var domains = await KandyViews.DomainsAsync(core, caller, organisations.Value, ct);
        return domains.IsSuccess ? KandyResults.Ok(new KandyDomainList(domains.Value)) : KandyResults.From(domains.Error!);
    }
}
