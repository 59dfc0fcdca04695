using System.Globalization;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Identity;
using Steward.Core.Results;
using Steward.Core.Tenancy;

namespace Steward.Server.Faces.Kandy;

/// <summary>Renders core entities as Kandy wire records: domains and users with their keys and secrets.</summary>
internal static class KandyViews
{
    /// <summary>
    /// Renders domains with their primary key and secret (Kandy shows a domain's secret to its account),
    /// the account's number and email, the number of users and the next billing date of the earliest unit.
    /// The caller has already been allowed to read every organisation given.
    /// </summary>
    public static async Task<Result<List<KandyDomain>>> DomainsAsync(KandyCore core, Principal caller, List<Organisation> organisations, CancellationToken ct)
    {
        var domains = new List<KandyDomain>(organisations.Count);
        if (organisations.Count == 0)
        {
            return domains;
        }

        var account = await core.Accounts.GetAsync(caller, organisations[0].AccountId, ct);
        if (!account.IsSuccess)
        {
            return account.Error!;
        }

        var ids = organisations.Select(o => o.Id).ToList();
        var credentials = await core.Credentials.RevealPrimariesAsync(caller, ids, ct);
        var counts = await core.Users.CountInOrganisationsAsync(ids, ct);
        var billingDays = await core.Units.FirstBillingDaysAsync(caller, ids, ct);
        var today = DateOnly.FromDateTime(core.Time.GetUtcNow().UtcDateTime);
        foreach (var organisation in organisations)
        {
            var next = billingDays.TryGetValue(organisation.Id, out var day)
                ? BillingDay.Next(today, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : "";
            credentials.TryGetValue(organisation.Id, out var credential);
            domains.Add(new KandyDomain(
                credential?.ApiKey ?? "",
                credential?.Secret ?? "",
                DomainNameOf(organisation),
                organisation.Description ?? "",
                account.Value.Number.ToString("D8", CultureInfo.InvariantCulture),
                account.Value.Email,
                counts.GetValueOrDefault(organisation.Id).ToString(CultureInfo.InvariantCulture),
                next));
        }

        return domains;
    }

    /// <summary>Renders users of one domain with their primary key and secret (Kandy shows them to the domain).</summary>
    public static async Task<List<KandyUser>> UsersAsync(KandyCore core, Principal caller, Organisation domain, IReadOnlyList<User> users, CancellationToken ct)
    {
        var credentials = await core.Credentials.RevealPrimariesAsync(caller, users.Select(u => u.Id).ToList(), ct);
        var domainName = DomainNameOf(domain);
        return users.Select(u =>
        {
            credentials.TryGetValue(u.Id, out var credential);
            return new KandyUser(
                credential?.ApiKey ?? "",
                credential?.Secret ?? "",
                u.Username,
                domainName,
                u.PhoneNumber ?? "",
                CountryCodes.CallingCodeOf(u.CountryCode),
                u.Username + "@" + domainName,
                u.FirstName ?? "",
                u.LastName ?? "",
                u.Email ?? "");
        }).ToList();
    }

    /// <summary>A domain's name: its DNS name, or the organisation's name when it was created natively without one.</summary>
    public static string DomainNameOf(Organisation organisation) => organisation.DomainName ?? organisation.Name;
}
