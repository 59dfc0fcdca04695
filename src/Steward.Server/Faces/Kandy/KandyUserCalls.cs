using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>The Kandy user calls: user access tokens and devices (seed 001).</summary>
public static partial class KandyApi
{
    private static async Task<IResult> GetUserAccessToken(
        [AsParameters] KandyCore core,
        HttpContext http,
        [FromQuery(Name = "user_id")] string? userId,
        CancellationToken ct)
    {
        var issued = await core.Tokens.IssueForOrganisationUserAsync(http.GetPrincipal(), userId!.Trim(), ct);
        if (!issued.IsSuccess)
        {
            return KandyResults.From(issued.Error!.Code == ErrorCode.NotFound ? UserNotFound(userId) : issued.Error!, UserFields);
        }

        return KandyResults.Ok(new KandyUserAccessToken(issued.Value.AccessToken));
    }

    private static async Task<IResult> CreateDevice(
        [AsParameters] KandyCore core,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var body = await JsonBody.ReadAsync<KandyDeviceRequest>(http.Request, KandyWire.Options);
        if (!body.IsSuccess)
        {
            return KandyResults.From(body.Error!);
        }

        var b = body.Value;
        var device = await core.Devices.CreateAsync(caller, caller.SubjectId, new DeviceInput(b.NativeId, b.Family, b.Name, b.ClientSoftwareVersion, b.OsVersion), ct);
        return device.IsSuccess
            ? KandyResults.Ok(new KandyCreatedDevice(PublicId.Of<Device>(device.Value.Id)))
            : KandyResults.From(device.Error!);
    }

    private static async Task<IResult> DeleteDevice(
        [AsParameters] KandyCore core,
        HttpContext http,
        [FromQuery(Name = "device_id")] string? deviceId,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var notFound = new Error(ErrorCode.NotFound, $"device_id '{deviceId!.Trim()}' is not one of this user's devices; list them with GET /v1.2/users/devices.");
        if (!PublicId.TryParse<Device>(deviceId.Trim(), out var id))
        {
            return KandyResults.From(notFound);
        }

        // Kandy's devices are the calling user's own: another user's device is not found here.
        var device = await core.Devices.GetAsync(caller, id, ct);
        if (!device.IsSuccess || device.Value.UserId != caller.SubjectId)
        {
            return KandyResults.From(notFound);
        }

        var deleted = await core.Devices.DeleteAsync(caller, id, ct);
        return deleted.IsSuccess ? KandyResults.Done(DeviceDeleted) : KandyResults.From(deleted.Error!);
    }

    private static async Task<IResult> GetDevices(
        [AsParameters] KandyCore core,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var devices = await core.Devices.ListAsync(caller, caller.SubjectId, ct);
        if (!devices.IsSuccess)
        {
            return KandyResults.From(devices.Error!);
        }

        var list = devices.Value.Select(d => new KandyDevice(
            PublicId.Of<Device>(d.Id),
            d.NativeId ?? "",
            d.Family ?? "",
            d.Name ?? "",
            d.ClientSoftwareVersion ?? "",
            d.OsVersion ?? "")).ToList();
        return KandyResults.Ok(new KandyDeviceList(list));
    }
}
