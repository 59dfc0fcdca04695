using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>A spend check as a merchant asks it: coins (decimal text), how long to hold them, and what the work is.</summary>
public sealed record ReservationInput(string? Coins, long? TtlSeconds = null, string? Username = null, string? Name = null);

/// <summary>A settlement: the actual coins (decimal text; 0 or more), and who and what the charge line names when not the reservation's.</summary>
public sealed record SettlementInput(string? Coins, string? Username = null, string? Name = null);

/// <summary>A reservation as of now: an open one past its expiry shows as expired before the sweeper stores it.</summary>
public sealed record ReservationView(Reservation Reservation, ReservationState State);

/// <summary>
/// The spend check: before paid work a merchant reserves coins of a product; the answer is given from
/// memory (<see cref="SpendBook"/>) and the reservation is stored through the gate before it is
/// acknowledged (<see cref="ReservationJournal"/>, many in one write). A reservation is closed once: settled into a charge line (through the same write as
/// posted charges), released, or expired (<see cref="ReservationSweeper"/>). Settling or releasing
/// again changes nothing and answers the reservation as it is.
/// </summary>
public sealed class ReservationService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    SpendBook book,
    ReservationJournal journal,
    ChargeService charges,
    ProductAccess access,
    TimeProvider time)
{
    public const int DefaultTtlSeconds = 300;
    public const int MaxTtlSeconds = 86_400;

    /// <summary>Why a closed reservation refuses a change (<see cref="Error.Reason"/>).</summary>
    public const string ReasonExpired = "reservation_expired";
    public const string ReasonReleased = "reservation_released";
    public const string ReasonSettled = "reservation_settled";

    public async Task<Result<ReservationView>> ReserveAsync(Principal p, Guid productId, ReservationInput input, CancellationToken ct = default)
    {
        if (p.Kind != PrincipalKind.Merchant)
        {
            return Error.Forbidden("Only a merchant's token may reserve coins. Register a merchant (POST /api/v1/merchants) and use its key.");
        }

        var v = new Validator();
        var coins = Coins.Read(v, "coins", input.Coins, required: true, positive: true);
        var ttl = input.TtlSeconds ?? DefaultTtlSeconds;
        if (ttl is < 1 or > MaxTtlSeconds)
        {
            v.Add("ttl_seconds", FieldRule.OutOfRange, $"ttl_seconds must be between 1 and {MaxTtlSeconds} (a day).", new Dictionary<string, object> { ["min"] = 1, ["max"] = MaxTtlSeconds });
        }

        var username = v.Optional("username", input.Username, Limits.Username);
        var name = v.Optional("name", input.Name, ReservationConfiguration.NameLength);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var id = PublicId.NewGuid(now);
        var expiresAt = now.AddSeconds(ttl);
        var admitted = await book.AdmitAsync(p, productId, id, coins!.Value, expiresAt, ct);
        if (!admitted.IsSuccess)
        {
            return admitted.Error!;
        }

        var at = admitted.Value;
        var row = new Reservation
        {
            Id = id,
            AccountId = at.AccountId,
            OrganisationId = at.OrganisationId,
            UnitId = at.UnitId,
            ProductId = productId,
            MerchantId = p.SubjectId,
            LeaseInstanceId = at.LeaseInstanceId,
            Coins = coins.Value,
            State = ReservationState.Open,
            Username = username,
            Name = name,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Version = 1,
        };

        // Stored before it is acknowledged: an answered reservation survives a crash. The caller's token is
        // not passed: once the coins are held here, the write must happen (or fail and give them back).
        Result<Reservation> stored;
        try
        {
            stored = await journal.StoreAsync(p, row);
        }
        catch
        {
            book.Forget(productId, id);
            throw;
        }

        if (!stored.IsSuccess)
        {
            book.Forget(productId, id);
            return stored.Error!.Code == ErrorCode.ReferenceMissing ? Error.NotFound("Product") : stored.Error;
        }

        return new ReservationView(row, ReservationState.Open);
    }

    /// <summary>Reads a reservation: its merchant, root, and whoever may read its product (not other merchants).</summary>
    public async Task<Result<ReservationView>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await FindAsync(db, p, id, ct);
        return row is null ? Error.NotFound("Reservation") : View(row);
    }

    /// <summary>
    /// Turns the reservation into a processing charge line of <see cref="SettlementInput.Coins"/> (more or
    /// less than reserved; the line's external id is the reservation's id). Only its merchant settles it.
    /// </summary>
    public async Task<Result<ReservationView>> SettleAsync(Principal p, Guid id, SettlementInput input, CancellationToken ct = default)
    {
        var v = new Validator();
        var coins = Coins.Read(v, "coins", input.Coins, required: true, positive: false);
        var username = v.Optional("username", input.Username, Limits.Username);
        var name = v.Optional("name", input.Name, ReservationConfiguration.NameLength);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await FindAsync(db, p, id, ct);
        if (found is null)
        {
            return Error.NotFound("Reservation");
        }

        if (p.Kind != PrincipalKind.Merchant || found.MerchantId != p.SubjectId)
        {
            return Error.Forbidden("Only the merchant that made a reservation settles it.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var line = new ParsedLine(0, found.ProductId, PublicId.Of<Reservation>(id), ChargeKind.Processing, coins!.Value, null,
            username ?? found.Username, name ?? found.Name, null, null, 0, time.GetUtcNow(), null);
        var placed = await charges.PlaceAsync(p, [line], ct);
        if (!placed.IsSuccess)
        {
            return Error.NotFound("Product");
        }

        // A concurrent close on another instance makes the version check fail: read again and answer that.
        for (var attempt = 0; ; attempt++)
        {
            var result = await gate.ExecuteAsync(p, async ctx =>
            {
                var row = await ctx.Db.Reservations.FirstOrDefaultAsync(x => x.Id == id);
                if (row is null)
                {
                    return Error.NotFound("Reservation");
                }

                if (row.State == ReservationState.Settled)
                {
                    return Result<Reservation>.Ok(row);
                }

                if (Refusal(row, ctx.Now, ReasonSettled) is { } refused)
                {
                    return refused;
                }

                var recorded = await charges.WriteLinesAsync(ctx, p.SubjectId, placed.Value);
                if (!recorded.IsSuccess)
                {
                    return recorded.Error!;
                }

                if (recorded.Value.Recorded == 0)
                {
                    return Error.Conflict($"This merchant already sent a charge line with external_id {line.ExternalId}; the reservation stays open.");
                }

                row.State = ReservationState.Settled;
                row.SettledCoins = coins.Value;
                row.ClosedAt = ctx.Now;
                row.Version++;
                return await CloseAsync(ctx, row, Math.Min(coins.Value, row.Coins), ReservationEvent.Of<ReservationSettled>(row));
            }, ct);

            if (result.Error is { Code: ErrorCode.VersionConflict } && attempt < 3)
            {
                continue;
            }

            return result.IsSuccess ? View(result.Value) : result.Error!;
        }
    }

    /// <summary>Gives the coins back: its merchant, or root. Releasing a released or expired reservation changes nothing.</summary>
    public async Task<Result<ReservationView>> ReleaseAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var found = await FindAsync(db, p, id, ct);
            if (found is null)
            {
                return Error.NotFound("Reservation");
            }

            if (!p.IsRoot && (p.Kind != PrincipalKind.Merchant || found.MerchantId != p.SubjectId))
            {
                return Error.Forbidden("Only the merchant that made a reservation (or root) releases it.");
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var result = await gate.ExecuteAsync(p, async ctx =>
            {
                var row = await ctx.Db.Reservations.FirstOrDefaultAsync(x => x.Id == id);
                if (row is null)
                {
                    return Error.NotFound("Reservation");
                }

                if (row.State is ReservationState.Released or ReservationState.Expired)
                {
                    return Result<Reservation>.Ok(row);
                }

                if (row.State == ReservationState.Settled)
                {
                    return Error.Refused(ReasonSettled, "The reservation was settled; its charge line stays in the ledger.");
                }

                // Found expired: stored as expired (what the sweeper would have done), which frees the same coins.
                var expired = row.ExpiresAt <= ctx.Now;
                row.State = expired ? ReservationState.Expired : ReservationState.Released;
                row.ClosedAt = expired ? row.ExpiresAt : ctx.Now;
                row.Version++;
                return await CloseAsync(ctx, row, 0, expired ? ReservationEvent.Of<ReservationExpired>(row) : ReservationEvent.Of<ReservationReleased>(row));
            }, ct);

            if (result.Error is { Code: ErrorCode.VersionConflict } && attempt < 3)
            {
                continue;
            }

            return result.IsSuccess ? View(result.Value) : result.Error!;
        }
    }

    /// <summary>The lease side of a close, its event, and the memory after the commit.</summary>
    private async Task<Result<Reservation>> CloseAsync(WriteContext ctx, Reservation row, decimal liveShrink, ReservationEvent e)
    {
        var mine = await SpendLeases.CloseAsync(ctx, book.InstanceId, [new Closing(row, liveShrink, Notify: true)]);
        ctx.Emit(row.AccountId, e);
        decimal? lease = mine.TryGetValue(row.ProductId, out var coins) ? coins : null;
        ctx.AfterCommit(() => book.OnClosed(row.ProductId, row.Id, lease));
        return row;
    }

    /// <summary>Why an open reservation cannot be settled now, or null when it can.</summary>
    private static Error? Refusal(Reservation row, DateTimeOffset now, string settledReason) => row.State switch
    {
        ReservationState.Released => Error.Refused(ReasonReleased, "The reservation was released; post the work as a charge (POST /api/v1/charges)."),
        ReservationState.Expired => Error.Refused(ReasonExpired, "The reservation expired; post the work as a charge (POST /api/v1/charges)."),
        ReservationState.Settled => Error.Refused(settledReason, "The reservation was settled."),
        _ when row.ExpiresAt <= now => Error.Refused(ReasonExpired, "The reservation expired; post the work as a charge (POST /api/v1/charges)."),
        _ => null,
    };

    /// <summary>
    /// The reservation if the caller may see it: its merchant, root, or a reader of its product (members,
    /// the account). Another merchant, another account: not found.
    /// </summary>
    private async Task<Reservation?> FindAsync(StewardDb db, Principal p, Guid id, CancellationToken ct)
    {
        var row = await db.Reservations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null || p.IsRoot)
        {
            return row;
        }

        if (p.Kind == PrincipalKind.Merchant)
        {
            return row.MerchantId == p.SubjectId && ProductAccess.MerchantReaches(p, row.AccountId) ? row : null;
        }

        var product = await ProductService.FindRowAsync(db, row.ProductId, ct, includeDeleted: true);
        return product is not null && await access.CanReadAsync(p, product) is null ? row : null;
    }

    private ReservationView View(Reservation row) =>
        new(row, row.State == ReservationState.Open && row.ExpiresAt <= time.GetUtcNow() ? ReservationState.Expired : row.State);
}
