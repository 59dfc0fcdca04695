using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Steward.Core.Storage;

/// <summary>
/// A table holding rows that belong to one account: what <c>steward export</c> writes and
/// <c>steward import</c> reads back. Each area registers its own tables in its <c>Add&lt;Area&gt;()</c>
/// (<see cref="AccountTables.AddAccountTable{T}"/>), so a new area's rows travel with their account
/// without any change to the export, the import or the file format.
/// </summary>
public interface IAccountTable
{
    /// <summary>The table's name in the export file (the SQL table name, by convention). Never rename one.</summary>
    string Name { get; }

    /// <summary>The entity stored in the table; rows are (de)serialized as this type.</summary>
    Type EntityType { get; }

    /// <summary>
    /// Rows the account uses but does not own (a platform merchant its charges name): exported so that an import
    /// can stand alone, inserted only where the target database lacks a row with the same key.
    /// </summary>
    bool Shared { get; }

    /// <summary>Adjusts a row before it is inserted by an import (null: inserted as it was exported).</summary>
    void PrepareImport(object row);

    Task<int> CountAsync(StewardDb db, Guid accountId, CancellationToken ct);

    /// <summary>The account's rows, untracked, in a stable order (creation order where the key allows).</summary>
    IAsyncEnumerable<object> ReadAsync(StewardDb db, Guid accountId, CancellationToken ct);
}

public static class AccountTables
{
    /// <summary>
    /// Registers a table of account rows. <paramref name="rows"/> selects the account's rows, ordered;
    /// rows are inserted back as they are (same ids, same values), except integer keys the database
    /// generates (sequences), which the target database assigns afresh in the same order.
    /// </summary>
    public static IServiceCollection AddAccountTable<T>(this IServiceCollection services, string name, Func<StewardDb, Guid, IQueryable<T>> rows, Action<T>? prepareImport = null)
        where T : class =>
        services.AddSingleton<IAccountTable>(new AccountTable<T>(name, rows, Shared: false, prepareImport));

    /// <summary>
    /// Registers rows an account uses but shares with others (<see cref="IAccountTable.Shared"/>): exported with it,
    /// imported only where missing.
    /// </summary>
    public static IServiceCollection AddSharedAccountTable<T>(this IServiceCollection services, string name, Func<StewardDb, Guid, IQueryable<T>> rows)
        where T : class =>
        services.AddSingleton<IAccountTable>(new AccountTable<T>(name, rows, Shared: true, null));

    private sealed class AccountTable<T>(string name, Func<StewardDb, Guid, IQueryable<T>> rows, bool Shared, Action<T>? prepareImport) : IAccountTable
        where T : class
    {
        public string Name => name;

        public Type EntityType => typeof(T);

        bool IAccountTable.Shared => Shared;

        public void PrepareImport(object row) => prepareImport?.Invoke((T)row);

        public Task<int> CountAsync(StewardDb db, Guid accountId, CancellationToken ct) => rows(db, accountId).CountAsync(ct);

        public async IAsyncEnumerable<object> ReadAsync(StewardDb db, Guid accountId, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var row in rows(db, accountId).AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                yield return row;
            }
        }
    }
}
