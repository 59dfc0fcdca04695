using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Diagnostics;
using Steward.Core.Events;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Writes;

/// <summary>
/// The one way in for every state change. Writes queue here and a single writer runs them in
/// batches: one transaction per batch, a savepoint per write, so a failed write is rolled back alone
/// while the others commit together (group commit: one durable fsync serves the whole batch).
/// Each write adds its events in the same transaction (outbox); they are numbered from one sequence row
/// as the batch's last step before commit (<see cref="EventSequence"/>), so numbers appear in commit
/// order even with several instances, and no lock is held while the writes themselves run.
/// </summary>
/// <remarks>
/// Rules for the delegate a write passes in (every write waits for the ones before it in its batch,
/// so one slow write slows them all):
/// <list type="bullet">
/// <item>Validate input, check access and read what needs no lock <em>before</em> calling
/// <see cref="ExecuteAsync{T}"/>; inside, read only the rows the change touches, by key or index.
/// No scans, no lists, no calls to other services that open their own context.</item>
/// <item>Use only <see cref="WriteContext.Db"/>; never a context of your own.</item>
/// <item>Never pass the caller's <see cref="CancellationToken"/> into the delegate's database calls:
/// a queued write runs to completion or not at all, whoever stopped waiting for it.</item>
/// <item>No I/O other than the database (no HTTP, no files, no sleeping): do that after the commit,
/// from an event or <see cref="WriteContext.AfterCommit"/>.</item>
/// <item>Say what changed with <see cref="WriteContext.Emit"/>; a typed event also drops the stale
/// cache entries, here and on other instances. Do not remove cache entries by hand.</item>
/// <item>Return an <see cref="Error"/> to refuse; the write's savepoint is rolled back and nothing
/// of it is stored. Throwing does the same but is logged as a failure: throw only for bugs.</item>
/// </list>
/// </remarks>
public sealed class WriteGate : IAsyncDisposable
{
    private const int MaxBatch = 128;

    private readonly Channel<WorkItem> queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly IDbContextFactory<StewardDb> factory;
    private readonly TimeProvider time;
    private readonly RevocationList revocations;
    private readonly ReadCache cache;
    private readonly EventNotifier notifier;
    private readonly ILogger<WriteGate> logger;
    private readonly Task loop;
    private StewardDb? writerDb;

    public WriteGate(IDbContextFactory<StewardDb> factory, TimeProvider time, RevocationList revocations, ReadCache cache, EventNotifier notifier, ILogger<WriteGate> logger)
    {
        this.factory = factory;
        this.time = time;
        this.revocations = revocations;
        this.cache = cache;
        this.notifier = notifier;
        this.logger = logger;

        // The writer outlives whichever request first needed the gate: it must not inherit that request's
        // ambient state (its trace above all, or every batch would be traced as part of it).
        using (ExecutionContext.SuppressFlow())
        {
            loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Runs <paramref name="work"/> inside the gate. A failed result or an exception leaves nothing written.</summary>
    public async Task<Result<T>> ExecuteAsync<T>(Principal actor, Func<WriteContext, Task<Result<T>>> work, CancellationToken cancellationToken = default)
    {
        var item = new WorkItem<T>(actor, work);
        await queue.Writer.WriteAsync(item, cancellationToken);

        // The caller may stop waiting, but a queued write still runs to completion or not at all.
        return await item.Completion.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        await DropWriterDbAsync();
    }

    private async Task RunAsync()
    {
        var batch = new List<WorkItem>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await ExecuteBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task ExecuteBatchAsync(List<WorkItem> batch)
    {
        var committed = new List<(WorkItem Item, WriteContext Context)>(batch.Count);
        RecordQueueMetrics(batch);
        using var activity = StewardMetrics.Tracing.StartActivity("write_gate.batch");
        activity?.SetTag("steward.write_gate.batch_size", batch.Count);

        // A lone write needs no savepoint: if it fails, the whole transaction is rolled back.
        var savepoints = batch.Count > 1;
        try
        {
            var db = await WriterDbAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();

            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i];
                var context = new WriteContext(db, item.Actor, time.GetUtcNow());
                var savepoint = savepoints ? "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                if (savepoint is not null)
                {
                    await transaction.CreateSavepointAsync(savepoint);
                }

                try
                {
                    if (await item.RunAsync(context))
                    {
                        await db.SaveChangesAsync();
                        committed.Add((item, context));
                    }
                    else if (savepoint is not null)
                    {
                        await transaction.RollbackToSavepointAsync(savepoint);
                    }
                }
                catch (Exception ex)
                {
                    if (savepoint is not null)
                    {
                        await transaction.RollbackToSavepointAsync(savepoint);
                    }

                    item.SetFailure(ex, context.OnUniqueViolation);
                    if (!item.IsExpectedFailure)
                    {
                        logger.LogError(ex, "A write failed and was rolled back.");
                    }
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            if (committed.Count > 0)
            {
                await AppendEventsAsync(db, transaction, committed);
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A write batch could not be committed; none of its writes took effect.");
            await DropWriterDbAsync();
            foreach (var (item, _) in committed)
            {
                item.SetFailure(ex);
            }

            committed.Clear();
            foreach (var item in batch)
            {
                item.FailIfPending(ex);
            }
        }

        foreach (var (_, context) in committed)
        {
            foreach (var revocation in context.Revocations)
            {
                revocations.Add(revocation.Key, revocation.Cutoff, revocation.ExpiresAt);
            }

            foreach (var e in context.Events)
            {
                e.Invalidate(cache);
            }

            foreach (var action in context.AfterCommitActions)
            {
                try
                {
                    action();
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "An after-commit action failed.");
                }
            }
        }

        if (committed.Count > 0)
        {
            notifier.Notify();
            StewardMetrics.Writes.Add(committed.Count);
        }

        if (committed.Count < batch.Count)
        {
            StewardMetrics.WritesRefused.Add(batch.Count - committed.Count);
        }

        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    /// <summary>
    /// Numbers the batch's events from <see cref="EventSequence"/> and stores them, as the last step before
    /// the commit: the sequence row is locked from here to the commit only, so other instances' batches
    /// are never held up by this batch's work, and numbers become visible in the order they were taken.
    /// </summary>
    private static async Task AppendEventsAsync(StewardDb db, IDbContextTransaction transaction, List<(WorkItem Item, WriteContext Context)> committed)
    {
        var count = 0;
        foreach (var (_, context) in committed)
        {
            count += context.EventRecords.Count;
        }

        if (count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = "UPDATE event_sequence SET \"Last\" = \"Last\" + @count WHERE \"Id\" = @id RETURNING \"Last\"";
        var countParameter = command.CreateParameter();
        countParameter.ParameterName = "@count";
        countParameter.Value = (long)count;
        command.Parameters.Add(countParameter);
        var idParameter = command.CreateParameter();
        idParameter.ParameterName = "@id";
        idParameter.Value = EventSequence.SingletonId;
        command.Parameters.Add(idParameter);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var next = last - count + 1;
        foreach (var (_, context) in committed)
        {
            foreach (var record in context.EventRecords)
            {
                record.Sequence = next++;
                db.Events.Add(record);
            }
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The single writer's own context and connection, kept open across batches: a batch then costs no
    /// pool checkout, no per-connection set-up (SQLite's pragmas) and no new context.
    /// </summary>
    private async Task<StewardDb> WriterDbAsync()
    {
        if (writerDb is null)
        {
            var db = await factory.CreateDbContextAsync();

            // The gate makes its own savepoint per write; EF's extra one per SaveChanges would be redundant.
            db.Database.AutoSavepointsEnabled = false;
            await db.Database.OpenConnectionAsync();
            writerDb = db;
        }

        return writerDb;
    }

    /// <summary>Batch size and queue wait, only when someone listens.</summary>
    private static void RecordQueueMetrics(List<WorkItem> batch)
    {
        if (StewardMetrics.WriteBatchSize.Enabled)
        {
            StewardMetrics.WriteBatchSize.Record(batch.Count);
        }

        if (StewardMetrics.WriteWait.Enabled)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var item in batch)
            {
                StewardMetrics.WriteWait.Record(Stopwatch.GetElapsedTime(item.QueuedAt, now).TotalSeconds);
            }
        }
    }

    /// <summary>Forgets the writer's context after a failed batch, so the next one starts on a fresh connection.</summary>
    private async Task DropWriterDbAsync()
    {
        if (writerDb is { } db)
        {
            writerDb = null;
            try
            {
                await db.DisposeAsync();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Closing the writer's connection failed.");
            }
        }
    }

    /// <summary>Recognises a unique-key violation from either provider without referencing their packages.</summary>
    internal static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is DbException db
        && (db.SqlState == "23505" || db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal));

    internal static bool IsForeignKeyViolation(DbUpdateException ex) =>
        ex.InnerException is DbException db
        && (db.SqlState == "23503" || db.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal));

    private abstract class WorkItem(Principal actor)
    {
        public Principal Actor { get; } = actor;

        /// <summary>When the write was queued (<see cref="Stopwatch"/> ticks), for the wait-time histogram.</summary>
        public long QueuedAt { get; } = Stopwatch.GetTimestamp();

        public bool IsExpectedFailure { get; protected set; }

        public abstract Task<bool> RunAsync(WriteContext context);

        public abstract void SetFailure(Exception ex, Error? onUniqueViolation = null);

        public abstract void FailIfPending(Exception ex);

        public abstract void Complete();
    }

    private sealed class WorkItem<T>(Principal actor, Func<WriteContext, Task<Result<T>>> work) : WorkItem(actor)
    {
        private readonly TaskCompletionSource<Result<T>> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Result<T>? result;
        private Exception? exception;

        public Task<Result<T>> Completion => completion.Task;

        public override async Task<bool> RunAsync(WriteContext context)
        {
            var outcome = await work(context);
            result = outcome;
            return outcome.IsSuccess;
        }

        public override void SetFailure(Exception ex, Error? onUniqueViolation = null)
        {
            switch (ex)
            {
                case DbUpdateConcurrencyException:
                    result = Result<T>.Fail(Error.VersionConflict());
                    IsExpectedFailure = true;
                    break;
                case DbUpdateException update when IsUniqueViolation(update):
                    result = Result<T>.Fail(onUniqueViolation ?? Error.Conflict("A resource with the same unique name or key already exists."));
                    IsExpectedFailure = true;
                    break;
                case DbUpdateException update when IsForeignKeyViolation(update):
                    result = Result<T>.Fail(Error.ReferenceMissing("A resource this change refers to no longer exists."));
                    IsExpectedFailure = true;
                    break;
                default:
                    result = null;
                    exception = ex;
                    break;
            }
        }

        public override void FailIfPending(Exception ex)
        {
            if (result is { IsSuccess: true } || (result is null && exception is null))
            {
                result = null;
                exception = ex;
            }
        }

        public override void Complete()
        {
            if (exception is not null)
            {
                completion.TrySetException(new WriteFailedException(exception));
            }
            else
            {
                completion.TrySetResult(result ?? Result<T>.Fail(Error.Conflict("The write did not run.")));
            }
        }
    }
}

/// <summary>A write failed for a reason that is not the caller's (storage unavailable, a bug); nothing was written.</summary>
public sealed class WriteFailedException(Exception inner) : Exception("The change could not be stored; nothing was written.", inner);
