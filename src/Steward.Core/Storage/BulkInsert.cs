using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Steward.Core.Storage;

/// <summary>
/// Inserts many rows of one entity with a few multi-row <c>INSERT</c> statements instead of one
/// command per row (what EF's SaveChanges does on SQLite, with a RETURNING per row). Table, columns
/// and every value's conversion come from the EF model and the provider's own type mappings, so the
/// rows are stored exactly as SaveChanges would store them. Store-generated keys are left to the
/// database and not read back; the rows are not tracked. Runs in the context's current transaction.
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// Rows per statement. Npgsql binds parameters by position, so PostgreSQL takes large statements
    /// (500 rows of ~20 columns is far below its 65,535 parameters). Microsoft.Data.Sqlite binds each
    /// parameter by looking its name up in the statement, which grows with the square of the
    /// parameters: measured, 100-row statements cost more than EF's row-at-a-time inserts and
    /// 5 to 10-row statements about half of them.
    /// </summary>
    private static int RowsPerStatement(StewardDb db) => db.IsPostgres ? 500 : 8;

    public static async Task InsertAsync<T>(StewardDb db, IReadOnlyCollection<T> rows)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var mappings = properties.Select(p => (p.GetGetter(), p.GetRelationalTypeMapping(), p.IsNullable)).ToList();

        await using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in rows.Chunk(RowsPerStatement(db)))
        {
            var text = new StringBuilder(head, head.Length + (chunk.Length * properties.Count * 8));
            var parameters = new List<object>(chunk.Length * properties.Count);
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < mappings.Count; c++)
                {
                    var (getter, mapping, nullable) = mappings[c];
                    var name = "@b" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    parameters.Add(mapping.CreateParameter(factory, name, getter.GetClrValue(chunk[r]), nullable));
                    text.Append(c == 0 ? name : ", " + name);
                }

                text.Append(')');
            }

            await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters);
        }
    }
}
