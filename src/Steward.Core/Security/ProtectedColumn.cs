using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;

namespace Steward.Core.Security;

/// <summary>
/// A column that holds <see cref="SecretProtector"/> output. The area that owns it registers it
/// (<see cref="AddProtectedColumn{T}"/>); <c>steward rotate-master-key</c> re-encrypts every value of
/// every registered column, and <c>steward import</c> decrypts one to check the master key. A new area
/// that stores secrets registers its column and is covered by both.
/// </summary>
public abstract class ProtectedColumn
{
    /// <summary><c>table.column</c>, for messages.</summary>
    public abstract string Name { get; }

    public abstract Type EntityType { get; }

    /// <summary>The protected value of a row of <see cref="EntityType"/>, or null.</summary>
    public abstract string? ValueOf(object row);

    /// <summary>
    /// Replaces every value of the column with <paramref name="rewrite"/>(value), a chunk at a time, in
    /// the caller's transaction (a write of the gate); returns how many values it rewrote.
    /// </summary>
    public abstract Task<int> RewriteAsync(StewardDb db, Func<string, string> rewrite);
}

public static class ProtectedColumns
{
    /// <summary>Registers a column of <typeparamref name="T"/> that holds <see cref="SecretProtector"/> output.</summary>
    public static IServiceCollection AddProtectedColumn<T>(this IServiceCollection services, string name, Expression<Func<T, string?>> column)
        where T : class =>
        services.AddSingleton<ProtectedColumn>(new Column<T>(name, column));

    private sealed class Column<T> : ProtectedColumn
        where T : class
    {
        private const int Chunk = 1000;
        private readonly Func<T, string?> read;
        private readonly PropertyInfo property;
        private readonly Expression<Func<T, bool>> hasValue;

        public Column(string name, Expression<Func<T, string?>> column)
        {
            Name = name;
            read = column.Compile();
            property = (PropertyInfo)((MemberExpression)column.Body).Member;
            hasValue = Expression.Lambda<Func<T, bool>>(
                Expression.NotEqual(column.Body, Expression.Constant(null, typeof(string))), column.Parameters);
        }

        public override string Name { get; }

        public override Type EntityType => typeof(T);

        public override string? ValueOf(object row) => row is T typed ? read(typed) : null;

        public override async Task<int> RewriteAsync(StewardDb db, Func<string, string> rewrite)
        {
            var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Single().Name;
            var count = 0;
            for (var skip = 0; ; skip += Chunk)
            {
                // Only this column changes, so ordering by key and skipping what is done stays stable.
                var rows = await db.Set<T>().Where(hasValue).OrderBy(e => EF.Property<object>(e, key)).Skip(skip).Take(Chunk).ToListAsync();
                foreach (var row in rows)
                {
                    property.SetValue(row, rewrite(read(row)!));
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                count += rows.Count;
                if (rows.Count < Chunk)
                {
                    return count;
                }
            }
        }
    }
}
