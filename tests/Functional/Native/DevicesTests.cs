using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>/api/v1/users/{id}/devices</c> and <c>/api/v1/devices/{id}</c>.</summary>
public sealed class DevicesTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Create_list_get_and_delete_a_device()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");

        using var created = await a.Http.PostJsonAsync($"/api/v1/users/{userId}/devices", new
        {
            native_id = "IMEI-1",
            family = "phone",
            name = "pocket",
            client_sw_version = "1.2.3",
            os_version = "14",
        });
        var device = await created.ExpectJsonAsync(HttpStatusCode.Created);
        var id = device.Str("id");
        Assert.StartsWith("device-", id, StringComparison.Ordinal);
        Assert.Equal(userId, device.Str("user_id"));
        Assert.Equal("IMEI-1", device.Str("native_id"));
        Assert.Equal("phone", device.Str("family"));
        Assert.Equal("pocket", device.Str("name"));
        Assert.Equal("1.2.3", device.Str("client_sw_version"));
        Assert.Equal("14", device.Str("os_version"));
        Assert.Equal("/api/v1/devices/" + id, created.Headers.Location?.OriginalString);

        var second = await a.Http.NewDeviceAsync(userId);
        Assert.Equal([id, second.Str("id")], (await a.Http.GetOkAsync($"/api/v1/users/{userId}/devices")).Ids());
        Assert.Equal("pocket", (await a.Http.GetOkAsync("/api/v1/devices/" + id)).Str("name"));

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/devices/" + id, HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/devices/" + id, HttpStatusCode.NotFound, code: "not-found");
        Assert.Equal([second.Str("id")], (await a.Http.GetOkAsync($"/api/v1/users/{userId}/devices")).Ids());
    }

    [StewardFact]
    public async Task A_user_manages_its_own_devices()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(userId));

        var device = await user.NewDeviceAsync(userId);
        Assert.Single((await user.GetOkAsync($"/api/v1/users/{userId}/devices")).Items());
        await user.ExpectAsync(HttpMethod.Delete, "/api/v1/devices/" + device.Str("id"), HttpStatusCode.NoContent);
        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/users/{userId}/devices")).Items());
    }

    [StewardFact]
    public async Task Deleting_a_user_deletes_its_devices()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var device = await a.Http.NewDeviceAsync(userId);

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/users/" + userId, HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/devices/" + device.Str("id"), HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/users/{userId}/devices", HttpStatusCode.NotFound, code: "not-found");
    }

    [StewardFact]
    public async Task Invalid_device_fields_are_named_as_sent()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var tooLong = new string('x', 1000);
        using var response = await a.Http.PostJsonAsync($"/api/v1/users/{userId}/devices", new
        {
            native_id = tooLong,
            family = tooLong,
            name = tooLong,
            client_sw_version = tooLong,
            os_version = tooLong,
        });
        await response.ExpectValidationAsync("native_id", "family", "name", "client_sw_version", "os_version");
        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/users/{userId}/devices")).Items());
    }

    [StewardFact]
    public async Task A_device_for_an_unknown_user_is_not_found()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/users/{NativeKit.UnknownId("user")}/devices", HttpStatusCode.NotFound, new { name = "x" }, "not-found");
    }
}
