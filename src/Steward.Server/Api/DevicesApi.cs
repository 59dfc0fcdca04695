using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Devices registered by users.</summary>
public static class DevicesApi
{
    public static RouteGroupBuilder MapDevicesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/users/{userId}/devices", Create).WithTags("Devices").WithName("CreateDevice").WithSummary("Register a device for a user.")
            .Accepts<DeviceRequest>("application/json");
        api.MapGet("/users/{userId}/devices", List).WithTags("Devices").WithName("ListDevices").WithSummary("List a user's devices.");
        var group = api.MapGroup("/devices").WithTags("Devices");
        group.MapGet("/{id}", Get).WithName("GetDevice").WithSummary("Read a device.");
        group.MapDelete("/{id}", Delete).WithName("DeleteDevice").WithSummary("Delete a device.");
        return group;
    }

    private static async Task<Results<Created<DeviceResource>, ProblemHttpResult>> Create(HttpContext http, DeviceService devices, Id<User> userId)
    {
        var body = await JsonBody.ReadAsync<DeviceRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var b = body.Value;
        var result = await devices.CreateAsync(http.GetPrincipal(), userId.Value, new DeviceInput(b.NativeId, b.Family, b.Name, b.ClientSwVersion, b.OsVersion), http.RequestAborted);
        return result.IsSuccess
            ? Http.Created(http, result, DeviceResource.From, d => "/api/v1/devices/" + d.Id)
            : Problems.From(WithWireNames(result.Error!));
    }

    /// <summary>The core names device fields as Kandy's wire does (<c>device_name</c>…); errors here name them as this API's wire does.</summary>
    private static Error WithWireNames(Error error)
    {
        if (error.Code != ErrorCode.Validation || error.Fields is not { Count: > 0 } fields)
        {
            return error;
        }

        static string Rename(string text) => text
            .Replace("device_native_id", "native_id", StringComparison.Ordinal)
            .Replace("device_family", "family", StringComparison.Ordinal)
            .Replace("device_name", "name", StringComparison.Ordinal)
            .Replace("device_os_version", "os_version", StringComparison.Ordinal);

        return error with
        {
            Message = Rename(error.Message),
            Fields = fields.ToDictionary(f => Rename(f.Key), f => f.Value.Select(Rename).ToArray(), StringComparer.Ordinal),
        };
    }

    private static async Task<Results<Ok<ItemList<DeviceResource>>, ProblemHttpResult>> List(HttpContext http, DeviceService devices, Id<User> userId)
    {
        var result = await devices.ListAsync(http.GetPrincipal(), userId.Value, http.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Ok(new ItemList<DeviceResource>(result.Value.Select(DeviceResource.From).ToList(), null))
            : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<DeviceResource>, ProblemHttpResult>> Get(HttpContext http, DeviceService devices, Id<Device> id)
    {
        return Http.Ok(await devices.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), DeviceResource.From);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, DeviceService devices, Id<Device> id)
    {
        return Http.NoContent(await devices.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));
    }
}
