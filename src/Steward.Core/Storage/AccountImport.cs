using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Storage;

/// <summary>The rows of one table of an exported account.</summary>
public sealed record ImportedTable(IAccountTable Table, IReadOnlyList<object> Rows);

/// <summary>
/// Brings an account exported from another Steward database into this one (<c>steward import</c>):
/// the same ids, numbers, hashes and ciphertexts. Secrets stay encrypted, so the target must hold the
/// master key they were encrypted with; that is checked first by decrypting one of them.
/// </summary>
public sealed class AccountImport(IDbContextFactory<StewardDb> dbs, WriteGate gate, SecretProtector protector, IEnumerable<ProtectedColumn> columns)
{
    /// <summary>Inserts every row in one write (all or nothing) and appends <c>account.imported</c>; returns the number of rows.</summary>
    public async Task<Result<int>> ImportAsync(Guid accountId, IReadOnlyList<ImportedTable> tables, CancellationToken ct = default)
    {
        var account = tables.SelectMany(t => t.Rows).OfType<Account>().FirstOrDefault(a => a.Id == accountId);
        if (account is null)
        {
            return Error.Invalid("accounts", "The export holds no row for its own account.");
        }

        if (CheckMasterKey(tables) is { } wrongKey)
        {
            return wrongKey;
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
            {
                return Error.Conflict($"Account {PublicId.Of<Account>(accountId)} already exists in this database; nothing was imported.");
            }

            if (await db.Accounts.AnyAsync(a => a.Number == account.Number, ct))
            {
                return Error.Conflict($"Another account already has number {account.Number} in this database, so the account cannot keep its number; nothing was imported.");
            }
        }

        var rows = tables.Sum(t => t.Rows.Count);
        return await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            ctx.OnUniqueViolation = Error.Conflict(
                "A row of the export clashes with one of this database (an API key, a domain name or another unique value); nothing was imported.");
            foreach (var table in tables)
            {
                var entityType = ctx.Db.Model.FindEntityType(table.Table.EntityType)!;
                var generatedKey = GeneratedKey(entityType);
                foreach (var row in table.Rows)
                {
                    if (table.Table.Shared && await ExistsAsync(ctx.Db, entityType, row))
                    {
                        continue;
                    }

                    table.Table.PrepareImport(row);
                    if (row is Events.EventRecord imported)
                    {
                        // Numbered afresh by the gate, after this database's own events, in their original order.
                        ctx.AppendRecord(imported);
                        continue;
                    }

                    generatedKey?.PropertyInfo!.SetValue(row, Activator.CreateInstance(generatedKey.ClrType));
                    ctx.Db.Add(row);
                }
            }

            // Saved before account.imported is emitted, so that the account's own events come first in the log.
            await ctx.Db.SaveChangesAsync();
            ctx.Emit(accountId, AccountEvent.Of<AccountImported>(account) with { Rows = rows });
            return Result<int>.Ok(rows);
        }, ct);
    }

    /// <summary>Whether this database already holds a row with the same primary key.</summary>
    private static async Task<bool> ExistsAsync(StewardDb db, IEntityType entity, object row)
    {
        var key = entity.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo!.GetValue(row)).ToArray();
        var found = await db.FindAsync(entity.ClrType, key);
        return found is not null;
    }

    /// <summary>An integer key the database assigns (an event's sequence): numbered afresh, after this database's own rows.</summary>
    private static IProperty? GeneratedKey(IEntityType entity) =>
        entity.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] && (key.ClrType == typeof(long) || key.ClrType == typeof(int))
            ? key
            : null;

    private Error? CheckMasterKey(IReadOnlyList<ImportedTable> tables)
    {
        foreach (var column in columns)
        {
            var value = tables.Where(t => t.Table.EntityType == column.EntityType)
                .SelectMany(t => t.Rows)
                .Select(column.ValueOf)
                .FirstOrDefault(v => v is not null);
            if (value is null)
            {
                continue;
            }

            try
            {
                protector.Unprotect(value);
            }
            catch (CryptographicException)
            {
                var keyId = value.Split('.') is [_, var id, _] ? id : "unknown";
                return Error.Conflict($"The export's secrets are encrypted with master key {keyId}, which this database's key ring does not hold. "
                    + "Import it where the source's master key is configured (as the master key or a previous one); nothing was imported.");
            }
        }

        return null;
    }
}
