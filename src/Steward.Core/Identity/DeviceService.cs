using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Identity;

public sealed record DeviceInput(string? NativeId, string? Family, string? Name, string? ClientSoftwareVersion, string? OsVersion);

/// <summary>Devices registered by users. Whoever may change a user may manage its devices.</summary>
public sealed class DeviceService(IDbContextFactory<StewardDb> dbs, WriteGate gate, AccessControl access, UserService users)
{
    public async Task<Result<Device>> CreateAsync(Principal p, Guid userId, DeviceInput input, CancellationToken ct = default)
    {
        var v = new Validator();
        var nativeId = v.Optional("device_native_id", input.NativeId, Limits.ShortText);
        var family = v.Optional("device_family", input.Family, Limits.ShortText);
        var name = v.Name("device_name", input.Name, Limits.ShortText, required: false);
        var sw = v.Optional("client_sw_version", input.ClientSoftwareVersion, Limits.ShortText);
        var os = v.Optional("device_os_version", input.OsVersion, Limits.ShortText);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var user = await CheckAsync(p, userId, ct);
        if (!user.IsSuccess)
        {
            return user.Error!;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Users.AnyAsync(u => u.Id == userId))
            {
                return Error.NotFound("User");
            }

            var device = new Device
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = user.Value.AccountId,
                UserId = userId,
                NativeId = nativeId,
                Family = family,
                Name = name,
                ClientSoftwareVersion = sw,
                OsVersion = os,
                CreatedAt = ctx.Now,
            };
            ctx.Db.Devices.Add(device);
            ctx.Emit(device.AccountId, DeviceEvent.Of<DeviceCreated>(device));
            return Result<Device>.Ok(device);
        }, ct);
    }

    public async Task<Result<IReadOnlyList<Device>>> ListAsync(Principal p, Guid userId, CancellationToken ct = default)
    {
        var user = await users.GetAsync(p, userId, ct);
        if (!user.IsSuccess)
        {
            return user.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Devices.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.Id).ToListAsync(ct);
        return rows;
    }

    public async Task<Result<Device>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var device = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null || !(await users.GetAsync(p, device.UserId, ct)).IsSuccess)
        {
            return Error.NotFound("Device");
        }

        return device;
    }

    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var device = await GetAsync(p, id, ct);
        if (!device.IsSuccess)
        {
            return device.Error!;
        }

        var user = await CheckAsync(p, device.Value.UserId, ct);
        if (!user.IsSuccess)
        {
            return user.Error!;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var row = await ctx.Db.Devices.FirstOrDefaultAsync(d => d.Id == id);
            if (row is null)
            {
                return Error.NotFound("Device");
            }

            ctx.Db.Devices.Remove(row);
            ctx.Emit(row.AccountId, DeviceEvent.Of<DeviceDeleted>(row));
            return Result<Done>.Ok(new Done());
        }, ct);
    }


    private async Task<Result<User>> CheckAsync(Principal p, Guid userId, CancellationToken ct)
    {
        var user = await users.GetAsync(p, userId, ct);
        if (!user.IsSuccess)
        {
            return user.Error!;
        }

        return await access.CanManageUserAsync(p, user.Value, allowSelf: true) is { } denied ? denied : user.Value;
    }
}
