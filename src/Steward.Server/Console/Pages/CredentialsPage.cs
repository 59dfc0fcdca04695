using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>
/// API keys of the accounts, organisations and users the caller manages: list (of one owner with
/// ?owner=), search by key or label, create and rotate (the secret is shown once, on the answer to
/// that form), revoke.
/// </summary>
public static class CredentialsPage
{
    private const string Path = "/console/credentials";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/credentials", List);
        console.MapPost("/credentials", Create);
        console.MapPost("/credentials/{id}/rotate", Rotate);
        console.MapPost("/credentials/{id}/revoke", Revoke);
    }

    private static Task<IResult> List(HttpContext http, CredentialService credentials, string? q, string? cursor, string? owner) =>
        RenderAsync(http, credentials, q, cursor, owner, null, null, Html.Empty, StatusCodes.Status200OK);

    private static async Task<IResult> Create(HttpContext http, CredentialService credentials)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var created = await credentials.CreateAsync(http.GetPrincipal(), Ui.Optional(form, "owner_id"), Ui.Optional(form, "label"), http.RequestAborted);
        if (!created.IsSuccess)
        {
            return await RenderAsync(http, credentials, null, null, null, form, created.Error, Html.Empty, ConsoleErrorStyle.StatusOf(created.Error!));
        }

        var secret = Ui.Secret("API key created", created.Value.Credential.ApiKey, created.Value.Secret);
        return await RenderAsync(http, credentials, null, null, null, null, null, secret, StatusCodes.Status200OK);
    }

    private static async Task<IResult> Rotate(HttpContext http, CredentialService credentials, Id<Credential> id)
    {
        var rotated = await credentials.RotateAsync(http.GetPrincipal(), id.Value, http.RequestAborted);
        if (!rotated.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(rotated.Error!);
        }

        // Rotating the key this session signed in with ends the session (its token is revoked with the old secret).
        var secret = Ui.Secret("Secret rotated; the old secret and its tokens no longer work", rotated.Value.Credential.ApiKey, rotated.Value.Secret);
        return await RenderAsync(http, credentials, null, null, null, null, null, secret, StatusCodes.Status200OK);
    }

    private static async Task<IResult> Revoke(HttpContext http, CredentialService credentials, Id<Credential> id)
    {
        var revoked = await credentials.RevokeAsync(http.GetPrincipal(), id.Value, http.RequestAborted);
        return revoked.IsSuccess ? Results.Redirect(Path) : ConsoleErrorStyle.Instance.Render(revoked.Error!);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, CredentialService credentials, string? q, string? cursor, string? owner, IFormCollection? form, Error? error, Html notice, int status)
    {
        var page = await credentials.ListAsync(http.GetPrincipal(), owner, Ui.Query(q, cursor), http.RequestAborted);
        if (!page.IsSuccess && page.Error!.Code == ErrorCode.NotFound)
        {
            return ConsoleErrorStyle.Instance.Render(page.Error);
        }

        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["API key", "Label", "Owner", "Created", "Rotated", ""], c =>
            {
                var credentialId = PublicId.Of<Credential>(c.Id);
                var ownerId = PrincipalKinds.PublicIdOf(c.OwnerKind, c.OwnerId);
                return Html.Of($"""
                    <tr><td><code>{c.ApiKey}</code></td><td>{c.Label}</td><td>{OwnerLink(ownerId, c.OwnerKind)}</td><td>{Ui.Time(c.CreatedAt)}</td><td>{(c.RotatedAt is { } r ? Ui.Time(r) : Html.Empty)}</td>
                    <td class="actions">{Ui.Button(http, $"{Path}/{credentialId}/rotate", "Rotate", "Replace this key's secret? The old secret stops working at once.")}
                    {Ui.Button(http, $"{Path}/{credentialId}/revoke", "Revoke", "Revoke this key? It and its tokens stop working at once.", "danger")}</td></tr>
                    """);
            }, "No API keys match.")
            : Ui.Alert(page.Error);
        var fields = Html.Of($"""
            {Ui.Input("owner_id", "Owner (blank: your own)", form, error, hint: "org-… or user-…")}
            {Ui.Input("label", "Label", form, error, hint: "ci deploy")}
            <button type="submit">Create API key</button>
            """);
        var body = Html.Of($"""
            {notice}
            {Ui.Search(Path, q, ("owner", owner))}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, q, ("owner", owner))}
            <section class="card"><h2>New API key</h2>{Ui.Alert(error)}{Ui.Form(http, Path, fields, css: "grid")}</section>
            """);
        return await Layout.PageAsync(http, "Credentials", body, status);
    }

    private static Html OwnerLink(string ownerId, PrincipalKind kind) => kind switch
    {
        PrincipalKind.Organisation => Ui.Link($"/console/organisations/{ownerId}", ownerId),
        PrincipalKind.User => Ui.Link($"/console/users/{ownerId}", ownerId),
        _ => Html.Text(ownerId),
    };
}
