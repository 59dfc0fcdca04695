using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>
/// Stores admitted reservations before they are acknowledged, many in one write: the spend check is
/// the hottest write there is, and a write of its own per reservation (a savepoint, a SaveChanges, an
/// event row each) would cost more than the check. Reservations that arrive while a write is under way
/// wait for the next one; each write inserts them with multi-row INSERTs and says so with one
/// <see cref="ReservationsCreated"/> event per merchant and account. A write that fails is retried one
/// reservation at a time, so that one bad row (a product deleted meanwhile) fails only itself.
/// </summary>
public sealed class ReservationJournal : IAsyncDisposable
{
    /// <summary>Reservations stored by one write at most.</summary>
    private const int MaxBatch = 1000;

    /// <summary>Writes under way at once: one in the gate while the next gathers and queues behind it.</summary>
    private const int InFlight = 2;

    private readonly Channel<Entry> queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(100_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly SemaphoreSlim slots = new(InFlight, InFlight);
    private readonly WriteGate gate;
    private readonly ILogger<ReservationJournal> logger;
    private readonly Task loop;

    public ReservationJournal(WriteGate gate, ILogger<ReservationJournal> logger)
    {
        this.gate = gate;
        this.logger = logger;
        using (ExecutionContext.SuppressFlow())
        {
            loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Stores <paramref name="row"/>, made by <paramref name="actor"/>; completes once it is committed (or refused).</summary>
    public async Task<Result<Reservation>> StoreAsync(Principal actor, Reservation row)
    {
        var entry = new Entry(actor, row);
        await queue.Writer.WriteAsync(entry);
        return await entry.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            await slots.WaitAsync();
            var batch = new List<Entry>();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count == 0)
            {
                slots.Release();
                continue;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await StoreBatchAsync(batch);
                }
                finally
                {
                    slots.Release();
                }
            });
        }

        // Let the writes under way finish before the gate goes.
        for (var i = 0; i < InFlight; i++)
        {
            await slots.WaitAsync();
        }
    }

    private async Task StoreBatchAsync(List<Entry> batch)
    {
        // One write per merchant, so that each event names its actor; they land in the same gate batch.
        await Task.WhenAll(batch.GroupBy(e => e.Actor.SubjectId).Select(async group =>
        {
            var entries = group.ToList();
            try
            {
                var stored = await gate.ExecuteAsync(entries[0].Actor, ctx => InsertAsync(ctx, entries));
                if (stored.IsSuccess)
                {
                    foreach (var e in entries)
                    {
                        e.Completion.TrySetResult(e.Row);
                    }

                    return;
                }
            }
            catch (WriteFailedException ex) when (entries.Count > 1)
            {
                logger.LogWarning(ex, "A write of {Count} reservations failed; storing them one at a time.", entries.Count);
            }
            catch (Exception ex)
            {
                foreach (var e in entries)
                {
                    e.Completion.TrySetException(ex);
                }

                return;
            }

            await Task.WhenAll(entries.Select(StoreOneAsync));
        }));
    }

    private async Task StoreOneAsync(Entry entry)
    {
        try
        {
            var stored = await gate.ExecuteAsync(entry.Actor, ctx => InsertAsync(ctx, [entry]));
            entry.Completion.TrySetResult(stored.IsSuccess ? entry.Row : stored.Error!);
        }
        catch (Exception ex)
        {
            entry.Completion.TrySetException(ex);
        }
    }

    private static async Task<Result<bool>> InsertAsync(WriteContext ctx, List<Entry> entries)
    {
        var rows = entries.Select(e => e.Row).ToList();
        try
        {
            await BulkInsert.InsertAsync(ctx.Db, rows);
        }
        catch (DbException ex) when (WriteGate.IsForeignKeyViolation(new DbUpdateException(ex.Message, ex)))
        {
            return Error.ReferenceMissing("The product was deleted meanwhile.");
        }

        foreach (var account in rows.GroupBy(r => r.AccountId))
        {
            ctx.Emit(account.Key, new ReservationsCreated
            {
                MerchantId = PublicId.Of<Merchant>(entries[0].Actor.SubjectId),
                Coins = account.Sum(r => r.Coins),
                Reservations = account.Select(r => new CreatedReservation(PublicId.Of<Reservation>(r.Id), PublicId.Of<Product>(r.ProductId), r.Coins, r.ExpiresAt)).ToList(),
            });
        }

        return true;
    }

    private sealed class Entry(Principal actor, Reservation row)
    {
        public Principal Actor { get; } = actor;

        public Reservation Row { get; } = row;

        public TaskCompletionSource<Result<Reservation>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
