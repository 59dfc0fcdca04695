using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Server.Api;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>Users' devices: list (of one user with ?user=), search by name, family, native id or username, register, delete.</summary>
public static class DevicesPage
{
    private const string Path = "/console/devices";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/devices", List);
        console.MapPost("/devices", Create);
        console.MapPost("/devices/{id}/delete", Delete);
    }

    private static Task<IResult> List(HttpContext http, DeviceService devices, string? q, string? cursor, string? user) =>
        RenderAsync(http, devices, q, cursor, user, null, null, Html.Empty, StatusCodes.Status200OK);

    private static async Task<IResult> Create(HttpContext http, DeviceService devices)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var input = new DeviceInput(Ui.Optional(form, "device_native_id"), Ui.Optional(form, "device_family"), Ui.Optional(form, "device_name"), null, null);
        var created = PublicId.TryParse<User>(form["user_id"], out var userId)
            ? await devices.CreateAsync(http.GetPrincipal(), userId, input, http.RequestAborted)
            : Error.Invalid("user_id", "Choose the user whose device this is.");
        return created.IsSuccess
            ? await RenderAsync(http, devices, null, null, null, null, null, Ui.Notice("Device registered."), StatusCodes.Status200OK)
            : await RenderAsync(http, devices, null, null, null, form, created.Error, Html.Empty, ConsoleErrorStyle.StatusOf(created.Error!));
    }

    private static async Task<IResult> Delete(HttpContext http, DeviceService devices, Id<Device> id)
    {
        var deleted = await devices.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted);
        return deleted.IsSuccess ? Results.Redirect(Path) : ConsoleErrorStyle.Instance.Render(deleted.Error!);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, DeviceService devices, string? q, string? cursor, string? user, IFormCollection? form, Error? error, Html notice, int status)
    {
        var p = http.GetPrincipal();
        var filter = Http.OptionalId<User>(user, "user");
        if (!filter.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(filter.Error!);
        }

        var page = await devices.ListAsync(p, filter.Value, Ui.Query(q, cursor), http.RequestAborted);
        if (!page.IsSuccess && page.Error!.Code == ErrorCode.NotFound)
        {
            return ConsoleErrorStyle.Instance.Render(page.Error);
        }

        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["Name", "Family", "Native id", "User", "Registered", ""], d =>
            {
                var deviceId = PublicId.Of<Device>(d.Device.Id);
                return Html.Of($"""
                    <tr><td>{d.Device.Name}</td><td>{d.Device.Family}</td><td>{d.Device.NativeId}</td><td>{Ui.Link($"/console/users/{PublicId.Of<User>(d.Device.UserId)}", d.Username)}</td><td>{Ui.Time(d.Device.CreatedAt)}</td>
                    <td>{Ui.Button(http, $"{Path}/{deviceId}/delete", "Delete", $"Delete this device of {d.Username}?", "danger")}</td></tr>
                    """);
            }, "No devices match.")
            : Ui.Alert(page.Error);
        var users = await Choices.UsersAsync(http, p);
        var fields = Html.Of($"""
            {Ui.Select("user_id", "User", users, form, error, "Choose a user", user)}
            {Ui.Input("device_name", "Name", form, error)}
            {Ui.Input("device_family", "Family", form, error, hint: "iOS")}
            {Ui.Input("device_native_id", "Native id", form, error)}
            <button type="submit">Register device</button>
            """);
        var body = Html.Of($"""
            {notice}
            {Ui.Search(Path, q, ("user", user))}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, q, ("user", user))}
            <section class="card"><h2>New device</h2>{Ui.Alert(error)}{Ui.Form(http, Path, fields, css: "grid")}</section>
            """);
        return await Layout.PageAsync(http, "Devices", body, status);
    }
}
