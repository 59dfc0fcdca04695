using Microsoft.AspNetCore.Mvc;
using Steward.Core.Assets;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>
/// Assets the caller sees (of one scope with ?scope= and ?scope_id=), paged. Content is never read for
/// the list, so a secret asset's content cannot appear here; only its length shows.
/// </summary>
public static class AssetsPage
{
    private const string Path = "/console/assets";

    public static void Map(RouteGroupBuilder console)
    {
        // "/assets/{name}" beside it serves the stylesheet and script, to anyone; this list is behind the session.
        console.MapGet("/assets", List);
    }

    private static async Task<IResult> List(HttpContext http, AssetService assets, string? scope, [FromQuery(Name = "scope_id")] string? scopeId, string? cursor)
    {
        var page = await assets.ListAsync(http.GetPrincipal(), new AssetFilter(scope, scopeId, Ui.PageSize, cursor), http.RequestAborted);
        if (!page.IsSuccess && page.Error!.Code == ErrorCode.NotFound)
        {
            return ConsoleErrorStyle.Instance.Render(page.Error);
        }

        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["Name", "Scope", "Scope id", "Secret", "Length", "Enabled", "Merchants", "Id", "Updated"], v =>
            {
                var a = v.Asset;
                var merchants = string.Join(", ", v.Merchants.Select(m => m.Merchant.Name));
                return Html.Of($"""
                    <tr><td>{a.Name}</td><td>{a.Scope.ToString().ToLowerInvariant()}</td><td><code>{AssetScopes.PublicScopeId(a.Scope, a.ScopeId)}</code></td>
                    <td>{(a.Secret ? "secret" : "")}</td><td>{a.ContentLength}</td><td>{(a.Enabled ? "yes" : "no")}</td><td>{merchants}</td><td><code>{PublicId.Of<Asset>(a.Id)}</code></td><td>{Ui.Time(a.UpdatedAt)}</td></tr>
                    """);
            }, "No assets.")
            : Ui.Alert(page.Error);
        var scopes = Enum.GetValues<AssetScope>().Select(s => (s.ToString().ToLowerInvariant(), s.ToString()));
        var filter = Html.Of($"""
            <form method="get" action="{Path}" class="search">
            {Ui.Select("scope", "Scope", scopes, null, null, "Any scope", scope)}
            <label>Scope id<input type="text" name="scope_id" value="{scopeId}" placeholder="org-…, unit-…, product-…, user-…"></label>
            <button type="submit">Filter</button>
            </form>
            """);
        var body = Html.Of($"""
            {filter}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, null, ("scope", scope), ("scope_id", scopeId))}
            <p class="empty">Assets are created and changed through the API (<code>/api/v1/assets</code>); a secret asset's content is shown to no one here.</p>
            """);
        return await Layout.PageAsync(http, "Assets", body);
    }
}
