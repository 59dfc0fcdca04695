using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>The options of the drop-downs in create forms: the first rows the caller sees, through the same core lists.</summary>
public static class Choices
{
    public const int Limit = 200;

    public static async Task<IReadOnlyList<(string Value, string Text)>> AccountsAsync(HttpContext http, Principal p)
    {
        if (!p.IsRoot)
        {
            return [];
        }

        var page = await http.RequestServices.GetRequiredService<AccountService>().ListAsync(p, new ListQuery(Limit), http.RequestAborted);
        return page.IsSuccess ? page.Value.Items.Select(a => (PublicId.Of<Account>(a.Id), a.Name)).ToList() : [];
    }

    public static async Task<IReadOnlyList<(string Value, string Text)>> OrganisationsAsync(HttpContext http, Principal p)
    {
        var page = await http.RequestServices.GetRequiredService<OrganisationService>().ListAsync(p, new ListQuery(Limit), http.RequestAborted);
        return page.IsSuccess ? page.Value.Items.Select(o => (PublicId.Of<Organisation>(o.Id), o.Name)).ToList() : [];
    }

    public static async Task<IReadOnlyList<(string Value, string Text)>> UsersAsync(HttpContext http, Principal p)
    {
        var page = await http.RequestServices.GetRequiredService<UserService>().ListAsync(p, null, new ListQuery(Limit), http.RequestAborted);
        return page.IsSuccess ? page.Value.Items.Select(u => (PublicId.Of<User>(u.Id), u.Username)).ToList() : [];
    }
}
