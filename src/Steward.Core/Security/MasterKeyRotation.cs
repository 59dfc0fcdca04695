using System.Security.Cryptography;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Writes;

namespace Steward.Core.Security;

/// <summary>Moves every stored secret to a new master key (<c>steward rotate-master-key</c>).</summary>
public sealed class MasterKeyRotation(WriteGate gate, KeyRing current, IEnumerable<ProtectedColumn> columns)
{
    /// <summary>
    /// Decrypts every value of every protected column with the current key ring and encrypts it under
    /// <paramref name="next"/>'s primary key, in one write: every secret moves, or none does. Returns
    /// how many values were re-encrypted.
    /// </summary>
    /// <remarks>
    /// A maintenance write: it reads whole tables inside the gate, which holds the database's write
    /// lock meanwhile. Run it when the servers are stopped or quiet.
    /// </remarks>
    public async Task<Result<int>> ReencryptAsync(KeyRing next, CancellationToken ct = default)
    {
        var from = new SecretProtector(current);
        var to = new SecretProtector(next);
        return await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            var count = 0;
            foreach (var column in columns)
            {
                try
                {
                    count += await column.RewriteAsync(ctx.Db, value => to.Protect(from.Unprotect(value)));
                }
                catch (CryptographicException)
                {
                    return Error.Conflict($"A value of {column.Name} cannot be decrypted with the configured master keys, so nothing was changed. "
                        + "Add the key it was encrypted with to the previous master keys and try again.");
                }
            }

            ctx.Emit(null, new MasterKeyRotated { KeyId = next.PrimaryId, PreviousKeyId = current.PrimaryId, Secrets = count });
            return Result<int>.Ok(count);
        }, ct);
    }
}
