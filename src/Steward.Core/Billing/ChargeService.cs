using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>What a charges request changed: lines recorded, and lines the merchant had already sent.</summary>
public sealed record RecordedCharges(int Recorded, int Duplicates);

/// <summary>
/// Usage ingest: a merchant posts up to 1,000 charge lines at a time. The batch is validated whole
/// (one bad line refuses it all), then recorded in one write that also updates the summary rows and
/// opens billing periods, so every acknowledged line is durable and already counted. The write reads
/// the batch's existing external ids, periods and summary rows in one query each, never per line.
/// </summary>
public sealed class ChargeService(IDbContextFactory<StewardDb> dbs, WriteGate gate, SpendBook book, TimeProvider time)
{
    /// <summary>A line with what it inherits from its product and unit.</summary>
    internal sealed record Placed(ParsedLine Line, Guid AccountId, Guid OrganisationId, Guid UnitId, DateOnly Day, DateOnly PeriodStart);

    public async Task<Result<RecordedCharges>> RecordAsync(Principal p, IReadOnlyList<ChargeLineInput?>? lines, CancellationToken ct = default)
    {
        if (p.Kind != PrincipalKind.Merchant)
        {
            return Error.Forbidden("Only a merchant's token may post charges. Register a merchant (POST /api/v1/merchants) and use its key.");
        }

        var parsed = ChargeLineRules.Parse(lines, time.GetUtcNow());
        if (!parsed.IsSuccess)
        {
            return parsed.Error!;
        }

        var placed = await PlaceAsync(p, parsed.Value, ct);
        if (!placed.IsSuccess)
        {
            return placed.Error!;
        }

        var batch = placed.Value;
        return await gate.ExecuteAsync(p, ctx => WriteLinesAsync(ctx, p.SubjectId, batch), ct);
    }

    /// <summary>
    /// The write of a placed batch, inside the gate: skips duplicates, opens periods, adds to the summary
    /// rows, inserts the lines and says so (one event per account). A settled reservation's line is
    /// recorded by the same code. After the commit the spend check counts the lines as used.
    /// </summary>
    internal async Task<Result<RecordedCharges>> WriteLinesAsync(WriteContext ctx, Guid merchantId, List<Placed> batch)
    {
        // A repeated external id is a duplicate, whether sent earlier or earlier in this batch.
        var externalIds = batch.Select(l => l.Line.ExternalId).Distinct(StringComparer.Ordinal).ToList();
        var seen = (await ctx.Db.ChargeLines
                .Where(l => l.MerchantId == merchantId && externalIds.Contains(l.ExternalId))
                .Select(l => l.ExternalId)
                .ToListAsync())
            .ToHashSet(StringComparer.Ordinal);
        var fresh = batch.Where(l => seen.Add(l.Line.ExternalId)).ToList();
        var duplicates = batch.Count - fresh.Count;
        if (fresh.Count == 0)
        {
            return Result<RecordedCharges>.Ok(new RecordedCharges(0, duplicates));
        }

        var closed = await OpenPeriodsAsync(ctx, fresh);
        await AddToTotalsAsync(ctx.Db, fresh, closed);

        var rows = fresh.Select(l => new ChargeLine
        {
            AccountId = l.AccountId,
            OrganisationId = l.OrganisationId,
            UnitId = l.UnitId,
            ProductId = l.Line.ProductId,
            MerchantId = merchantId,
            ExternalId = l.Line.ExternalId,
            Kind = l.Line.Kind,
            Coins = l.Line.Coins,
            BurnRate = l.Line.BurnRate,
            Username = l.Line.Username,
            Name = l.Line.Name,
            Description = l.Line.Description,
            Group = l.Line.Group,
            Sequence = l.Line.Sequence,
            AdditionalData = l.Line.AdditionalData,
            Timestamp = l.Line.Timestamp,
            RecordedAt = ctx.Now,
            Day = l.Day,
            PeriodStart = l.PeriodStart,
            PostFinal = closed.Contains((l.UnitId, l.PeriodStart)),
        }).ToList();

        // One multi-row INSERT instead of SaveChanges' command per row: the lines are the bulk of the write.
        try
        {
            await BulkInsert.InsertAsync(ctx.Db, rows);
        }
        catch (DbException ex) when (WriteGate.IsUniqueViolation(new DbUpdateException(ex.Message, ex)))
        {
            // The single writer has already ruled duplicates out; the index is the backstop.
            return Error.Conflict("A line of this batch was recorded by a concurrent request; send the batch again (its duplicates are skipped).");
        }

        foreach (var account in rows.GroupBy(r => r.AccountId))
        {
            ctx.Emit(account.Key, new ChargesRecorded
            {
                MerchantId = PublicId.Of<Merchant>(merchantId),
                Lines = account.Count(),
                Coins = account.Sum(r => r.Coins),
                PostFinalLines = account.Count(r => r.PostFinal),
                ProductIds = account.Select(r => PublicId.Of<Product>(r.ProductId)).Distinct().ToList(),
            });
        }

        ctx.AfterCommit(() => book.OnCharged(rows));
        return Result<RecordedCharges>.Ok(new RecordedCharges(fresh.Count, duplicates));
    }

    /// <summary>
    /// Looks the batch's products up in one read and checks the merchant may charge each: a product
    /// that does not exist, is deleted, or belongs to an account the merchant does not serve is not found.
    /// </summary>
    internal async Task<Result<List<Placed>>> PlaceAsync(Principal p, IReadOnlyList<ParsedLine> lines, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ids = lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await (from product in db.Products.AsNoTracking()
                              join unit in db.Units.AsNoTracking() on product.UnitId equals unit.Id
                              where ids.Contains(product.Id)
                              select new { product.Id, product.AccountId, product.OrganisationId, product.UnitId, unit.BillingDay })
            .ToDictionaryAsync(x => x.Id, ct);

        var placed = new List<Placed>(lines.Count);
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!products.TryGetValue(line.ProductId, out var product) || !ProductAccess.MerchantReaches(p, product.AccountId))
            {
                var field = $"lines[{line.Index}].product_id";
                missing[field] = [$"{field} names no product this merchant may charge."];
                continue;
            }

            var day = DateOnly.FromDateTime(line.Timestamp.UtcDateTime);
            placed.Add(new Placed(line, product.AccountId, product.OrganisationId, product.UnitId, day, BillingDay.PeriodStart(day, product.BillingDay)));
        }

        return missing.Count == 0
            ? placed
            : new Error(ErrorCode.NotFound, $"{missing.Count} line(s) name a product that was not found; nothing was recorded.", missing);
    }

    /// <summary>Opens the billing periods the lines fall in; returns those already closed (their lines are post-final).</summary>
    private static async Task<HashSet<(Guid UnitId, DateOnly Start)>> OpenPeriodsAsync(WriteContext ctx, List<Placed> lines)
    {
        var unitIds = lines.Select(l => l.UnitId).Distinct().ToList();
        var starts = lines.Select(l => l.PeriodStart).Distinct().ToList();
        var periods = (await ctx.Db.BillingPeriods
                .Where(b => unitIds.Contains(b.UnitId) && starts.Contains(b.PeriodStart))
                .ToListAsync())
            .ToDictionary(b => (b.UnitId, b.PeriodStart));

        var closed = new HashSet<(Guid, DateOnly)>();
        foreach (var line in lines)
        {
            var key = (line.UnitId, line.PeriodStart);
            if (periods.TryGetValue(key, out var period))
            {
                if (period.ClosedAt is not null)
                {
                    closed.Add(key);
                }

                continue;
            }

            period = new BillingPeriod
            {
                UnitId = line.UnitId,
                PeriodStart = line.PeriodStart,
                PeriodEnd = line.PeriodStart.AddMonths(1),
                AccountId = line.AccountId,
                OrganisationId = line.OrganisationId,
                Version = 1,
            };
            periods[key] = period;
            ctx.Db.BillingPeriods.Add(period);
        }

        return closed;
    }

    /// <summary>Adds each line to its day's summary row of its product, unit, organisation and account, in one read.</summary>
    private static async Task AddToTotalsAsync(StewardDb db, List<Placed> lines, HashSet<(Guid, DateOnly)> closed)
    {
        var scopeIds = lines.SelectMany(l => new[] { l.Line.ProductId, l.UnitId, l.OrganisationId, l.AccountId }).Distinct().ToList();
        var days = lines.Select(l => l.Day).Distinct().ToList();
        var totals = (await db.ChargeTotals
                .Where(t => scopeIds.Contains(t.ScopeId) && days.Contains(t.Day))
                .ToListAsync())
            .ToDictionary(t => (t.ScopeId, t.PeriodStart, t.Day));

        var touched = new HashSet<ChargeTotal>(ReferenceEqualityComparer.Instance);
        foreach (var placed in lines)
        {
            var postFinal = closed.Contains((placed.UnitId, placed.PeriodStart));
            foreach (var scope in new[] { placed.Line.ProductId, placed.UnitId, placed.OrganisationId, placed.AccountId })
            {
                var key = (scope, placed.PeriodStart, placed.Day);
                if (!totals.TryGetValue(key, out var total))
                {
                    total = new ChargeTotal { ScopeId = scope, PeriodStart = placed.PeriodStart, Day = placed.Day, AccountId = placed.AccountId };
                    totals[key] = total;
                    db.ChargeTotals.Add(total);
                }

                Add(total, placed.Line, postFinal, isProduct: scope == placed.Line.ProductId);
                touched.Add(total);
            }
        }

        foreach (var total in touched)
        {
            total.Version++;
        }
    }

    private static void Add(ChargeTotal total, ParsedLine line, bool postFinal, bool isProduct)
    {
        if (postFinal)
        {
            total.PostFinalCoins += line.Coins;
            total.PostFinalLines++;
            return;
        }

        total.Lines++;
        switch (line.Kind)
        {
            case ChargeKind.Processing:
                total.Processing += line.Coins;
                break;
            case ChargeKind.Storage:
                total.Storage += line.Coins;
                if (isProduct && (total.BurnRateAt is not { } at || line.Timestamp >= at))
                {
                    total.BurnRate = line.BurnRate;
                    total.BurnRateAt = line.Timestamp;
                }

                break;
            case ChargeKind.Fee:
                total.Fees += line.Coins;
                break;
            case ChargeKind.Credit:
                total.Credits += line.Coins;
                break;
        }
    }
}
