using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>The ledger: merchants post charge lines in batches; readers get period (or date-range) summaries and lines.</summary>
public static class ChargesApi
{
    /// <summary>
    /// The body limit of a charges batch: 1,000 lines with room for their additional data. Only this
    /// endpoint takes more than the default 64 KiB.
    /// </summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapChargesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/charges", Record).WithTags("Charges").WithName("RecordCharges")
            .WithSummary("Post up to 1,000 charge lines (merchant token). A line whose external_id the merchant already sent is a duplicate; one invalid line refuses the batch.")
            .Accepts<ChargesRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        api.MapGet("/charges", ForAccount).WithTags("Charges").WithName("GetAccountCharges")
            .WithSummary("An account's charges by organisation for a period (pbp 0..-23) or a date range (from, until); root names account_id.");
        api.MapGet("/products/{id}/charges", ForProduct).WithTags("Charges").WithName("GetProductCharges")
            .WithSummary("A product's charges: the period's (or range's) totals and its lines, paged.");
        api.MapGet("/units/{id}/charges", ForUnit).WithTags("Charges").WithName("GetUnitCharges")
            .WithSummary("A unit's charges: totals, totals per product, and lines, paged.");
        api.MapGet("/organisations/{id}/charges", ForOrganisation).WithTags("Charges").WithName("GetOrganisationCharges")
            .WithSummary("An organisation's charges: totals and each unit's totals over its own billing period (or the range).");
        return api;
    }

    private static async Task<Results<Ok<RecordedChargesResource>, ProblemHttpResult>> Record(HttpContext http, ChargeService charges)
    {
        // Raised here as well as by the endpoint's metadata, for servers that only honour the feature.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        var body = await JsonBody.ReadAsync<ChargesRequest>(http.Request, StewardJson.Options, maxBytes: MaxBodyBytes);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var lines = body.Value.Lines?.Select(l => l?.ToInput()).ToList();
        var result = await charges.RecordAsync(http.GetPrincipal(), lines, http.RequestAborted);
        return Http.Ok(result, r => new RecordedChargesResource(r.Recorded, r.Duplicates));
    }

    private static async Task<Results<Ok<AccountChargesResource>, ProblemHttpResult>> ForAccount(
        HttpContext http, ChargeQueries ledger, [FromQuery(Name = "account_id")] string? accountId, string? from, string? until, string? pbp)
    {
        var principal = http.GetPrincipal();
        var account = Http.OptionalId<Account>(accountId, "account_id");
        var window = Window(from, until, pbp);
        if ((account.Error ?? window.Error) is { } error)
        {
            return Problems.From(error);
        }

        if (principal.IsRoot && account.Value is null)
        {
            return Problems.From(Error.Invalid("account_id", FieldRule.Required, "account_id is required when root reads charges."));
        }

        var result = await ledger.ForAccountAsync(principal, account.Value ?? principal.AccountId, window.Value, http.RequestAborted);
        return Http.Ok(result, AccountChargesResource.Of);
    }

    private static async Task<Results<Ok<ProductChargesResource>, ProblemHttpResult>> ForProduct(
        HttpContext http, ChargeQueries ledger, Id<Product> id, string? from, string? until, string? pbp, int? limit, string? cursor)
    {
        var window = Window(from, until, pbp);
        return window.IsSuccess
            ? Http.Ok(await ledger.ForProductAsync(http.GetPrincipal(), id.Value, window.Value, limit, cursor, http.RequestAborted), ProductChargesResource.Of)
            : Problems.From(window.Error!);
    }

    private static async Task<Results<Ok<UnitChargesResource>, ProblemHttpResult>> ForUnit(
        HttpContext http, ChargeQueries ledger, Id<Unit> id, string? from, string? until, string? pbp, int? limit, string? cursor)
    {
        var window = Window(from, until, pbp);
        return window.IsSuccess
            ? Http.Ok(await ledger.ForUnitAsync(http.GetPrincipal(), id.Value, window.Value, limit, cursor, http.RequestAborted), UnitChargesResource.Of)
            : Problems.From(window.Error!);
    }

    private static async Task<Results<Ok<OrganisationChargesResource>, ProblemHttpResult>> ForOrganisation(
        HttpContext http, ChargeQueries ledger, Id<Organisation> id, string? from, string? until, string? pbp)
    {
        var window = Window(from, until, pbp);
        return window.IsSuccess
            ? Http.Ok(await ledger.ForOrganisationAsync(http.GetPrincipal(), id.Value, window.Value, http.RequestAborted), OrganisationChargesResource.Of)
            : Problems.From(window.Error!);
    }

    /// <summary>Reads <c>from</c>/<c>until</c> (YYYY-MM-DD) and <c>pbp</c> (an integer) from the query, naming a bad one.</summary>
    private static Result<ChargeWindowInput> Window(string? from, string? until, string? pbp)
    {
        var v = new Validator();
        var fromDate = Date(v, "from", from);
        var untilDate = Date(v, "until", until);
        int? offset = null;
        if (!string.IsNullOrEmpty(pbp))
        {
            if (int.TryParse(pbp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                offset = n;
            }
            else
            {
                v.Add("pbp", FieldRule.Format, "pbp must be an integer between -23 and 0.");
            }
        }

        return v.IsValid ? new ChargeWindowInput(fromDate, untilDate, offset) : v.ToError();
    }

    private static DateOnly? Date(Validator v, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        v.Add(field, FieldRule.Format, $"{field} must be a date such as 2026-03-01.");
        return null;
    }
}
