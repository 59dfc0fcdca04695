using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Identity;

/// <summary>A device with its user's username, as a list shows it.</summary>
public sealed record DeviceListing(Device Device, string Username);

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

    /// <summary>
    /// The devices of the users the caller sees (of one user when given; a user it cannot see is not
    /// found), those whose name, family, native id or user's username contains the search term.
    /// </summary>
    public async Task<Result<Page<DeviceListing>>> ListAsync(Principal p, Guid? userId, ListQuery q, CancellationToken ct = default)
    {
        var paging = Paging.Parse(q.Limit, q.Cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        if (userId is { } id && await users.GetAsync(p, id, ct) is { IsSuccess: false } user)
        {
            return user.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);

        // A device is listed when its user is: the tenant scope of users is the scope of their devices.
        var visibleUsers = db.Users.AsNoTracking().VisibleTo(p, db);
        if (userId is { } only)
        {
            visibleUsers = visibleUsers.Where(u => u.Id == only);
        }

        var query = from d in db.Devices.AsNoTracking()
                    join u in visibleUsers on d.UserId equals u.Id
                    select new { Device = d, u.Username };
        if (q.Term is { } term)
        {
            query = query.Where(r => r.Username.ToLower().Contains(term)
                || (r.Device.Name != null && r.Device.Name.ToLower().Contains(term))
                || (r.Device.Family != null && r.Device.Family.ToLower().Contains(term))
                || (r.Device.NativeId != null && r.Device.NativeId.ToLower().Contains(term)));
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(r => r.Device.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(r => r.Device.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        var listings = rows.Select(r => new DeviceListing(r.Device, r.Username)).ToList();
        return Paging.Build(listings, paging.Value.Limit, l => l.Device.Id);
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
